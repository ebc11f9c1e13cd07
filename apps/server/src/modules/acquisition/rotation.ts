/** One employee of a live code with the cap on how many customers they take a day (null = no cap). */
export interface RotationMember { employeeId: string; dailyCap: number | null; position: number }

/**
 * Who the live code should hand customers to right now: everyone still under today's cap, in the
 * configured order; when all are capped, the backup employee; when there is no backup, everyone
 * (a customer is never turned away). WeCom itself rotates among the contact way's members.
 */
export function eligibleEmployees(members: RotationMember[], addsToday: ReadonlyMap<string, number>, backupEmployeeId: string | null): string[] {
  const ordered = [...members].sort((a, b) => a.position - b.position)
  const open = ordered.filter((m) => m.dailyCap === null || (addsToday.get(m.employeeId) ?? 0) < m.dailyCap)
  if (open.length > 0) return open.map((m) => m.employeeId)
  if (backupEmployeeId) return [backupEmployeeId]
  return ordered.map((m) => m.employeeId)
}

export const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x))

/** The business day of an instant in the corp's time zone, as YYYY-MM-DD. */
export function businessDay(at: Date, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}
