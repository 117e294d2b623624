/**
 * Small notebooks on the emtd kernel, written by the tests that execute, freeze or convert them (book, widgets,
 * the explorer's static view): one nbformat 4.5 shape, so a test states only its cells.
 */

/** A code cell; `id` and `tags` (papermill's "parameters") where the test needs them. */
export const codeCell = (source: string, o: { id?: string; tags?: string[] } = {}) => ({
  ...(o.id === undefined ? {} : { id: o.id }),
  cell_type: "code",
  source,
  metadata: o.tags ? { tags: o.tags } : {},
  execution_count: null,
  outputs: [],
});

/** A Markdown cell. */
export const markdownCell = (source: string) => ({ cell_type: "markdown", source, metadata: {} });

/** A notebook of `cells` on the emtd kernel. */
export const emtdNotebook = (cells: object[]) => ({
  cells,
  metadata: { kernelspec: { name: "emtd", display_name: "EMTD (TypeScript)", language: "typescript" } },
  nbformat: 4,
  nbformat_minor: 5,
});
