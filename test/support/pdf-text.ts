import { extractText, getDocumentProxy } from 'unpdf';

/** The text of a PDF, all pages merged, as a reader (pdf.js) extracts it. */
export async function pdfTextOf(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  return (await extractText(pdf, { mergePages: true })).text;
}
