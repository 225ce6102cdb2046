// Saving text the page made as a file the user downloads (no server involved).
export function download(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `circuit.swap` for a program `circuit.tpt` with batch `swap`: the stem of files the page offers. */
export function fileStem(programName: string, batch: string | null): string {
  const stem = programName.replace(/\.tpt$/, '') || 'sketch';
  return batch ? `${stem}.${batch}` : stem;
}
