import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, readCsv, type CsvRecord } from './csv-reader.js';
import { csvLine } from './export.js';

async function all(chunks: (string | Buffer)[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsv(chunks, { reopen: () => Readable.from(chunks) })) out.push(r);
  return out;
}

describe('readCsv (RFC 4180)', () => {
  it('reads quotes, doubled quotes, multi-value cells, embedded newlines, CRLF, a BOM; numbers lines', async () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines\nhere",z\r\n\r\n3,,\r\n';
    const records = await all([text]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'say "hi"'] },
      { line: 3, fields: ['2', 'two\r\nlines\nhere', 'z'] },
      { line: 7, fields: ['3', '', ''] },
    ]);
  });

  it('gives the same records whatever the chunk borders (split CRLF, split multi-byte characters)', async () => {
    const text = Buffer.from('\uFEFFname,city\r\n"Zoë ""Z""",São Paulo\r\nÅsa,"Malmö\r\nSE"\r\nlast,row', 'utf8');
    const whole = await all([text]);
    for (let size = 1; size <= 7; size++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.subarray(i, i + size));
      expect(await all(chunks)).toEqual(whole);
    }
    expect(whole.map((r) => r.line)).toEqual([1, 2, 3, 5]);
    expect(whole[1]!.fields).toEqual(['Zoë "Z"', 'São Paulo']);
  });

  it('reports broken quoting with the line', async () => {
    await expect(all(['a,b\n1,"open\n2,3\n'])).rejects.toMatchObject({ line: 2 });
    // The unclosed quote is on line 4, after a quoted field with a line break in the same record.
    await expect(all(['a,b,c\r\n1,2,3\r\n"x\r\ny",', '"open\r\n4,5,6\r\n'])).rejects.toMatchObject({
      line: 4,
      message: 'a quoted field is not closed before the end of the file',
    });
    await expect(all(['a,b\n1,"x"y\n'])).rejects.toBeInstanceOf(CsvSyntaxError);
    await expect(all(['a,b\n1,x"y\n'])).rejects.toMatchObject({ line: 2 });
  });

  it('reads back what the exporter writes', async () => {
    const values = ['plain', 'a,b', 'quote "q"', 'line\r\nbreak', ' padded ', ''];
    expect((await all([csvLine(values)]))[0]!.fields).toEqual(values);
  });
});
