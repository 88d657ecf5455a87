"use client";

import { type CsvCell, csvLines } from "./csv";

/** Saves a table view as a CSV file, from the browser (the rows it shows). */
export function downloadCsv(fileName: string, header: string[], rows: CsvCell[][]) {
  const blob = new Blob([csvLines([header, ...rows])], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
