/** Fen (the API's integer cents) as yuan for people: ¥1,234.50; null → "-". */
export const formatYuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? '-' : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
