// Finding 10 of the penetration test: the Atom feed declared titles as HTML (<title type="html"><![CDATA[<script>…).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { atomFeed } from './feed.ts';

describe('Atom feed', () => {
  test('titles and summaries are text, escaped; only the sanitised body is HTML', () => {
    const entry = { title: '<script>alert(1)</script> ข่าว & ประกาศ', path: '/news/x', summary: 'สรุป <b>ตัวหนา</b>', html: '<p>เนื้อหา</p>', updated: '2026-11-20T02:00:00.000Z' };
    const xml = atomFeed({ baseUrl: 'https://www.example.go.th', title: 'ข่าว', agencyName: 'อบจ.', entries: [entry], lang: 'th' });
    assert.match(xml, /<title type="text">&lt;script&gt;alert\(1\)&lt;\/script&gt; ข่าว &amp; ประกาศ<\/title>/);
    assert.match(xml, /<summary type="text">สรุป &lt;b&gt;ตัวหนา&lt;\/b&gt;<\/summary>/);
    assert.match(xml, /<content type="html">&lt;p&gt;เนื้อหา&lt;\/p&gt;<\/content>/);
    assert.doesNotMatch(xml, /type="html"><!\[CDATA\[|<title type="html">/);
  });
});
