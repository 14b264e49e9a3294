/** The blocks plain text is made of, shared by the marked-based reader (plainText.ts) and the fast one (fastText.ts). */

export interface PlainBlock {
  /** Set for a heading: its level (1 = the document's title). */
  readonly depth?: number;
  readonly text: string;
}

export interface PlainOptions {
  /** `inline` writes a link as `title (url)`; `label` keeps only its text (what a reader of the rendered Markdown sees). */
  readonly links: 'inline' | 'label';
}
