/** Run letters A, B, C… in the order of the comparison: how pages and exports name the runs. */
export const runLetter = (index: number) => String.fromCharCode(65 + index);
