/**
 * Saves `text` as a file named `name` through a temporary link (works offline, no
 * server involved); `type` is its MIME type. A string is written as UTF-8.
 */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
