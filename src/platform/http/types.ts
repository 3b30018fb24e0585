// What the platform adds to every request.
import type { Lang } from '../i18n/index.ts';
import type { Flash, NavEntry, SiteInfo } from '../views/ctx.ts';
import type { CurrentUser } from '../auth/users.ts';
import type { UploadForm, UploadLimits } from './multipart.ts';
import type { HomeBlock } from '../module.ts';
import type { PageCache } from './pagecache.ts';

export interface AgencySite {
  id: number;
  /** the agency's own address (its host name, or BASE_URL), without a trailing slash: for absolute links */
  url: string;
  th: SiteInfo;
  en: SiteInfo;
}

export interface NavRegistry {
  public: NavEntry[];
  staff: NavEntry[];
}

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    agency: AgencySite;
    user: CurrentUser | null;
    /** raw session token from the cookie, when a session was found */
    sessionToken: string | null;
    /** user id waiting for the second sign-in step */
    mfaUserId: number | null;
    flash: Flash | null;
    /** the form of an upload route, read by the platform before the handler runs */
    upload: UploadForm | null;
    /** the page cache's generation when the request began, and the time (pagecache.ts) */
    pageCacheGen: number;
    pageCacheAt: number;
    /** the page holds something of this visitor's (a CSRF token): never kept */
    pageCachePrivate: boolean;
  }
  interface FastifyInstance {
    nav: NavRegistry;
    /** BASE_URL without a trailing slash: the default address; absolute links use req.agency.url */
    baseUrl: string;
    /** the public home page's sections, from every module's declaration */
    homeBlocks: HomeBlock[];
    /** the rendered-page cache of anonymous public pages (pagecache.ts) */
    pageCache: PageCache;
  }
  interface FastifyContextConfig {
    /** the route reads its own body and checks CSRF itself (never set on HTML forms) */
    skipCsrf?: boolean;
    /** the route takes multipart/form-data with files (set with uploadRoute()); anything else gets a 415 */
    upload?: Partial<UploadLimits>;
    /** the route's responses may be cached publicly even for a signed-in visitor (public files) */
    publicCache?: boolean;
    /**
     * anonymous 200 HTML answers of this GET route may come from the page cache (pagecache.ts): set only on routes whose
     * every public change is signalled with publicChanged
     */
    pageCache?: boolean;
  }
}
