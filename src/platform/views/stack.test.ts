// The table-cell labeller behind the stacked tables on phones: real Thai headers, and every table it must leave alone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { attributeText, labelTableCells } from './stack.ts';

const page = (body: string) => `<!doctype html><html lang="th"><head><title>หน้า</title></head><body><main>${body}</main></body></html>`;

const CONTENT_TABLE =
  '<div class="table-wrap" tabindex="0" role="region" aria-label="เนื้อหาทั้งหมด"><table>' +
  '<thead><tr><th scope="col">ชื่อเรื่อง (ภาษาไทย)</th><th scope="col">ประเภท</th><th scope="col">สถานะ</th><th scope="col">ปีงบประมาณ</th><th scope="col">เปลี่ยนแปลงล่าสุด</th></tr></thead>' +
  '<tbody>' +
  '<tr><td><a href="/staff/content/7">ประกาศผู้ชนะการเสนอราคา</a></td><td>ข่าวประชาสัมพันธ์</td><td><span class="tag">เผยแพร่แล้ว</span></td><td>2570</td><td><time datetime="2026-12-12T07:30:00Z">12 ธ.ค. 2569 14:30 น.</time></td></tr>' +
  '<tr class="weak"><td>แผนพัฒนาท้องถิ่น</td><td>เอกสาร</td><td>ฉบับร่าง</td><td>—</td><td>1 ม.ค. 2570</td></tr>' +
  '</tbody></table></div>';

/** The data-label of every cell, row by row, as a browser would read them. */
function labels(html: string): Array<Array<string | null>> {
  const body = html.slice(html.indexOf('<tbody'));
  return body.split(/<tr[\s>]/).slice(1).map((row) => [...row.matchAll(/<t[dh](?=[\s>])([^>]*)>/g)].map((m) => /data-label="([^"]*)"/.exec(m[1]!)?.[1] ?? null));
}

describe('labelTableCells: column headers on body cells for the stacked tables on phones', () => {
  test('each body cell gets its Thai column header; nothing else in the page changes', () => {
    const html = page(`<h1>เนื้อหาทั้งหมด</h1>${CONTENT_TABLE}<p>แสดง 1–2 จาก 2 รายการ</p>`);
    const out = labelTableCells(html);
    const header = ['ชื่อเรื่อง (ภาษาไทย)', 'ประเภท', 'สถานะ', 'ปีงบประมาณ', 'เปลี่ยนแปลงล่าสุด'];
    assert.deepEqual(labels(out), [header, header]);
    assert.match(out, /<td data-label="สถานะ"><span class="tag">เผยแพร่แล้ว<\/span><\/td>/);
    assert.match(out, /<td data-label="เปลี่ยนแปลงล่าสุด"><time datetime="2026-12-12T07:30:00Z">/);
    // taking the inserted attributes out gives back the page exactly
    assert.equal(out.replace(/ data-label="[^"]*"/g, ''), html);
    // the header row itself is untouched
    assert.match(out, /<thead><tr><th scope="col">ชื่อเรื่อง \(ภาษาไทย\)<\/th>/);
  });

  test('a page without a table is returned as the same string', () => {
    const html = page('<h1>ติดต่อเรา</h1><p>โทรศัพท์ 0 4300 0000</p>');
    assert.equal(labelTableCells(html), html);
    assert.equal(labelTableCells(''), '');
  });

  test('row headers (th scope="row") are labelled too, by their column', () => {
    const html = page(
      '<table><thead><tr><th scope="col">ปีงบประมาณ</th><th scope="col">คะแนนรวม</th><th scope="col">ระดับ</th></tr></thead>' +
        '<tbody><tr><th scope="row">2567</th><td>88.12</td><td>A</td></tr><tr><th scope="row">2568</th><td>91.40</td><td>AA</td></tr></tbody></table>',
    );
    assert.deepEqual(labels(labelTableCells(html)), [['ปีงบประมาณ', 'คะแนนรวม', 'ระดับ'], ['ปีงบประมาณ', 'คะแนนรวม', 'ระดับ']]);
  });

  test('several tables on a page, each with its own headers; rows may have fewer cells than headers', () => {
    const html = page(
      '<table><thead><tr><th scope="col">ผู้ใช้</th><th scope="col">บทบาท</th></tr></thead><tbody><tr><td>somchai</td><td>ผู้เผยแพร่ข้อมูล</td></tr></tbody></table>' +
        '<p>คั่น</p>' +
        '<table><thead><tr><th scope="col">#</th><th scope="col">เวลา</th><th scope="col">ผู้ดำเนินการ</th></tr></thead><tbody><tr><td>1</td><td>12 ธ.ค. 2569</td></tr></tbody></table>',
    );
    const out = labelTableCells(html);
    assert.match(out, /<td data-label="ผู้ใช้">somchai<\/td><td data-label="บทบาท">ผู้เผยแพร่ข้อมูล<\/td>/);
    assert.match(out, /<td data-label="#">1<\/td><td data-label="เวลา">12 ธ.ค. 2569<\/td><\/tr>/);
  });

  test('header text is escaped for the attribute: quotes, bare ampersands; references and Thai kept; tags dropped', () => {
    assert.equal(attributeText('ผลลัพธ์ &amp; ความสำเร็จ'), 'ผลลัพธ์ &amp; ความสำเร็จ');
    assert.equal(attributeText('ค่า "เฉลี่ย" & สูงสุด'), 'ค่า &quot;เฉลี่ย&quot; &amp; สูงสุด');
    assert.equal(attributeText('ชื่อ&#34;ย่อ&#x27;'), 'ชื่อ&#34;ย่อ&#x27;');
    assert.equal(attributeText('<span class="x">ความน่าจะเป็น</span><br>\n  (1–5)'), 'ความน่าจะเป็น (1–5)');
    assert.equal(attributeText('a > b'), 'a &gt; b');
    const html = page('<table><thead><tr><th scope="col">ชื่อ <abbr title="ภาษาไทย">ไทย</abbr> &quot;ย่อ&quot;</th></tr></thead><tbody><tr><td>กค.</td></tr></tbody></table>');
    assert.match(labelTableCells(html), /<td data-label="ชื่อ ไทย &quot;ย่อ&quot;">กค\.<\/td>/);
  });

  test('attributes holding ">" or quotes do not confuse it; existing data-label and empty headers are kept as they are', () => {
    const html = page(
      '<table class="x" aria-label="ก > ข"><thead><tr><th scope="col" title="a>b">รายการ</th><th scope=col>จัดการ</th><th scope="col"></th></tr></thead>' +
        '<tbody><tr><td title=\'1 > 0\' class=a>ข้อ 1</td><td data-label="เอง">แก้ไข</td><td><a href="/x">ลบ</a></td></tr></tbody></table>',
    );
    const out = labelTableCells(html);
    assert.match(out, /<td data-label="รายการ" title='1 > 0' class=a>ข้อ 1<\/td>/);
    assert.match(out, /<td data-label="เอง">แก้ไข<\/td><td><a href="\/x">ลบ<\/a><\/td>/, 'a hand-written label wins; an empty header gives no label');
  });

  test('tables it does not fully understand are left exactly as they were', () => {
    const untouched = [
      // no thead
      '<table><tr><th scope="col">ชื่อ</th></tr><tr><td>ก</td></tr></table>',
      // headers without scope="col" (markdown tables in published bodies)
      '<table><thead><tr><th>ชื่อ</th><th>ค่า</th></tr></thead><tbody><tr><td>ก</td><td>1</td></tr></tbody></table>',
      '<table><thead><tr><th scope="colgroup">ชื่อ</th></tr></thead><tbody><tr><td>ก</td></tr></tbody></table>',
      // colspan or rowspan, in the head or the body
      '<table><thead><tr><th scope="col" colspan="2">ชื่อ</th></tr></thead><tbody><tr><td>ก</td><td>ข</td></tr></tbody></table>',
      '<table><thead><tr><th scope="col">ชื่อ</th><th scope="col">ค่า</th></tr></thead><tbody><tr><td colspan="2">ไม่มีข้อมูล</td></tr></tbody></table>',
      '<table><thead><tr><th scope="col">ชื่อ</th><th scope="col">ค่า</th></tr></thead><tbody><tr><td ROWSPAN=2>ก</td><td>1</td></tr></tbody></table>',
      // two header rows, a td in the head, more cells than headers
      '<table><thead><tr><th scope="col">ก</th></tr><tr><th scope="col">ข</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
      '<table><thead><tr><td>ก</td></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
      '<table><thead><tr><th scope="col">ชื่อ</th></tr></thead><tbody><tr><td>ก</td><td>เกิน</td></tr></tbody></table>',
      // a header without its end tag
      '<table><thead><tr><th scope="col">ชื่อ<th scope="col">ค่า</tr></thead><tbody><tr><td>ก</td><td>1</td></tr></tbody></table>',
      // a nested table: neither is touched
      '<table><thead><tr><th scope="col">ชื่อ</th></tr></thead><tbody><tr><td><table><thead><tr><th scope="col">ใน</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table></td></tr></tbody></table>',
      // an unclosed table, and a start tag cut off at the end of the document
      '<table><thead><tr><th scope="col">ชื่อ</th></tr></thead><tbody><tr><td>ก</td></tr></tbody>',
      '<p>ท้าย</p><table class="x',
      // a stray end tag and escaped text that only looks like a table
      '</table><p>&lt;table&gt;&lt;td&gt;</p>',
    ];
    for (const t of untouched) assert.equal(labelTableCells(page(t)), page(t), t);
  });

  test('a tfoot is not labelled (totals often span columns) and does not stop the body being labelled', () => {
    const html = page(
      '<table><thead><tr><th scope="col">กอง</th><th scope="col">งบประมาณ (บาท)</th></tr></thead>' +
        '<tbody><tr><td>กองช่าง</td><td>1,200,000</td></tr></tbody><tfoot><tr><td colspan="2">รวม 1,200,000</td></tr></tfoot></table>',
    );
    const out = labelTableCells(html);
    assert.match(out, /<td data-label="กอง">กองช่าง<\/td><td data-label="งบประมาณ \(บาท\)">1,200,000<\/td>/);
    assert.match(out, /<tfoot><tr><td colspan="2">รวม 1,200,000<\/td>/);
  });

  test('linear: a page with 2,000 table rows is labelled in well under 250 ms (about 15 ms on one core)', () => {
    const row = '<tr><td><a href="/staff/content/1">ประกาศผู้ชนะการเสนอราคา</a></td><td>ข่าว</td><td>เผยแพร่แล้ว</td><td>2570</td><td>12 ธ.ค. 2569</td></tr>';
    const html = page(CONTENT_TABLE.replace('<tbody>', `<tbody>${row.repeat(2000)}`));
    labelTableCells(html); // warm up
    const t0 = performance.now();
    const out = labelTableCells(html);
    const ms = performance.now() - t0;
    assert.equal(out.match(/data-label="สถานะ"/g)?.length, 2002);
    assert.ok(ms < 250, `took ${ms.toFixed(1)} ms`);
  });
});
