export const datasetKeys = {
  all: ["datasets"] as const,
  list: (q: { q?: string; sort?: string; order?: string }) => [...datasetKeys.all, "list", q] as const,
  detail: (id: string) => [...datasetKeys.all, "detail", id] as const,
  preview: (versionId: string, q: { offset: number; limit: number; sort?: string; order?: string }) =>
    [...datasetKeys.all, "preview", versionId, q] as const,
  derivePreview: (definition: unknown) => [...datasetKeys.all, "derive-preview", definition] as const,
  filePreview: (file: string, options: unknown) => ["file-preview", file, options] as const,
};
