import { z } from 'zod'

/** WeCom limits tag and group names to 30 characters (CONTRACT §3.2). */
const Name = z.string().trim().min(1).max(30)
export const IdParams = z.object({ id: z.uuid() })
export const NewGroup = z.object({ name: Name, tags: z.array(Name).min(1).max(100) })
  .refine((g) => new Set(g.tags).size === g.tags.length, { message: 'tag names must be unique', path: ['tags'] })
export const NewTags = z.object({ names: z.array(Name).min(1).max(100) })
  .refine((g) => new Set(g.names).size === g.names.length, { message: 'tag names must be unique', path: ['names'] })
export const Rename = z.object({ name: Name })
export const GroupView = z.object({ id: z.string(), name: z.string(), tags: z.array(z.object({ id: z.string(), name: z.string() })) })
