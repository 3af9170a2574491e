/**
 * A text cell that a spreadsheet would read as a formula (=, +, -, @, or a tab or carriage return
 * first) gets a leading apostrophe, so that opening a download never runs anything. One rule for
 * every CSV Kizuna writes: the lists and statistics downloads and the register sheets.
 */
export function inert<Cell extends string | number | null>(cell: Cell): Cell {
  return (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell) as Cell;
}
