// For tests: a complaint as a citizen fills it in, and sending it through the public form.
import type { Agent } from './app.ts';

export const corruptionCase = {
  category: 'bribery', subject: 'เรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง', description: 'เจ้าหน้าที่ผู้รับคำขอแจ้งว่าต้องจ่ายเงิน 3,000 บาท คำขอจึงจะได้รับการพิจารณาภายในสัปดาห์นี้',
  who: 'เจ้าหน้าที่ผู้รับคำขอ กองช่าง', 'when-day': '', 'when-month': '', 'when-year': '', where: 'สำนักงาน อบจ.', name: '', national_id: '', phone: '', email: '', address: '', consent: 'on',
};

/** Sends the public form; returns the receipt shown, or the response when none is. */
export async function submit(a: Agent, lane: 'general' | 'corruption', fields: Record<string, string>, files: Record<string, { name: string; data: Buffer; type?: string }> = {}) {
  await a.get(`/complaints/new?type=${lane}`);
  const r = await a.postMultipart(`/complaints/new?type=${lane}`, fields, files);
  const receipt = /class="receipt">(\d{4} \d{4} \d{4} \d{4})</.exec(r.body)?.[1];
  return { r, receipt };
}

