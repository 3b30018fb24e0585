// Every module of the installation, in the order their routes, navigation and home blocks are added.
// A new module is a folder that follows docs/modules.md and one line here.
import type { ModuleDef } from '../platform/module.ts';
import { agencyModule } from './agency/index.ts';
import { adminModule } from './admin/index.ts';
import { publishingModule } from './publishing/index.ts';
import { oitModule } from './oit/index.ts';
import { integrityModule } from './integrity/index.ts';
import { complaintsModule } from './complaints/index.ts';
import { nogiftModule } from './nogift/index.ts';
import { surveysModule } from './surveys/index.ts';
import { eserviceModule } from './eservice/index.ts';
import { participationModule } from './participation/index.ts';

export const MODULES: readonly ModuleDef[] = [agencyModule, publishingModule, oitModule, integrityModule, eserviceModule, complaintsModule, nogiftModule, participationModule, surveysModule, adminModule];
