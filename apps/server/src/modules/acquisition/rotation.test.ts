import { describe, expect, it } from 'vitest'
import { businessDay, eligibleEmployees } from './rotation'

const members = [
  { employeeId: 'b', dailyCap: 2, position: 1 },
  { employeeId: 'a', dailyCap: 1, position: 0 },
  { employeeId: 'c', dailyCap: null, position: 2 },
]

describe('eligibleEmployees', () => {
  it('keeps everyone under their cap, in the configured order', () => {
    expect(eligibleEmployees(members, new Map([['a', 0], ['b', 1]]), null)).toEqual(['a', 'b', 'c'])
  })
  it('rotates a capped employee out', () => {
    expect(eligibleEmployees(members, new Map([['a', 1], ['b', 1]]), null)).toEqual(['b', 'c'])
  })
  it('falls back to the backup employee when everyone is capped', () => {
    const capped = members.filter((m) => m.dailyCap !== null)
    expect(eligibleEmployees(capped, new Map([['a', 1], ['b', 2]]), 'z')).toEqual(['z'])
  })
  it('never turns a customer away when everyone is capped and there is no backup', () => {
    const capped = members.filter((m) => m.dailyCap !== null)
    expect(eligibleEmployees(capped, new Map([['a', 5], ['b', 5]]), null)).toEqual(['a', 'b'])
  })
})

describe('businessDay', () => {
  it('uses the corp time zone, not UTC', () => {
    expect(businessDay(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24')   // 00:30 in Shanghai
    expect(businessDay(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23')
  })
})
