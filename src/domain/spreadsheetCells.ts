/**
 * A text cell that a spreadsheet would read as a formula (=, +, -, @, or a tab or carriage return
 * first) gets a leading apostrophe, so that opening a download never runs anything. One rule for
 * every CSV Kizuna writes: the lists and statistics downloads and the register sheets.
 */
export function inert<Cell extends string | number | null>(cell: Cell): Cell {
  return (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell) as Cell;
}

/**
 * Why a cell of an imported file is refused: it holds a NUL character, which PostgreSQL cannot
 * store in text (and no name or remark means). Undefined when the cell has none. The importers
 * refuse the row with this reason rather than drop the character.
 */
export function nulInCell(text: string): string | undefined {
  const at = text.indexOf('\u0000');
  return at < 0 ? undefined : `contains a NUL character (U+0000) at character ${at + 1}, which no field may hold: remove it`;
}
