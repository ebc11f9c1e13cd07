import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ROLE_PERMISSIONS } from '../../http/actor'
import { SESSION_COOKIE } from '../../http/server'
import { z } from 'zod'
import type { OrgService } from './service'
import { DepartmentList, EmployeeList, EmployeeQuery, LoginBody, LoginReply, MeReply, NewUser, SyncReply, UserItem, UserList, UserParams, UserPatch } from './schema'
import type { UserService } from './users'

export interface OrgRouteDeps {
  org: OrgService
  users: UserService
  sync(corpId: string): Promise<{ departments: number; employees: number }>
  customerCounts(corpId: string, employeeIds: string[]): Promise<Map<string, number>>
  secureCookies: boolean
}

export const orgRoutes = (d: OrgRouteDeps): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/auth/login', { schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginReply } }, config: { public: true } }, async (req, reply) => {
    const { sessionId, expiresAt, user } = await d.org.login(req.body.username, req.body.password)
    reply.setCookie(SESSION_COOKIE, sessionId, { path: '/', httpOnly: true, sameSite: 'lax', secure: d.secureCookies, expires: expiresAt })
    return { user }
  })

  app.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 204: z.null() } } }, async (req, reply) => {
    const sessionId = req.cookies[SESSION_COOKIE]
    if (sessionId) await d.org.logout(sessionId)
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send(null)
  })

  app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: MeReply } } }, async (req) => {
    const corp = (await d.org.findCorp(req.actor.corpId))!
    const actor = req.actor as typeof req.actor & { displayName?: string }
    return {
      user: { id: actor.userId, username: actor.username, displayName: actor.displayName ?? actor.username, role: actor.role },
      permissions: [...ROLE_PERMISSIONS[actor.role]],
      corp: { id: corp.id, name: corp.name, wecomCorpId: corp.wecomCorpId, sandbox: corp.isSandbox },
    }
  })

  app.get('/api/org/departments', { schema: { tags: ['org'], response: { 200: DepartmentList } }, config: { permission: 'org.read' } }, async (req) => ({
    items: (await d.org.listDepartments(req.actor)).map((r) => ({ ...r, order: Number(r.order), employeeCount: Number(r.employeeCount ?? 0) })),
  }))

  app.get('/api/org/employees', { schema: { tags: ['org'], querystring: EmployeeQuery, response: { 200: EmployeeList } }, config: { permission: 'org.read' } }, async (req) => {
    const page = await d.org.listEmployees(req.actor, req.query)
    const counts = await d.customerCounts(req.actor.corpId, page.items.map((e) => e.id))
    return { ...page, items: page.items.map((e) => ({ ...e, customerCount: counts.get(e.id) ?? 0 })) }
  })

  app.get('/api/users', { schema: { tags: ['users'], response: { 200: UserList } }, config: { permission: 'org.user.read' } },
    async (req) => d.users.list(req.actor))
  app.post('/api/users', { schema: { tags: ['users'], body: NewUser, response: { 201: UserItem } }, config: { permission: 'org.user.write' } },
    async (req, reply) => reply.code(201).send(await d.users.create(req.actor, req.body)))
  app.patch('/api/users/:id', { schema: { tags: ['users'], params: UserParams, body: UserPatch, response: { 200: UserItem } }, config: { permission: 'org.user.write' } },
    async (req) => d.users.update(req.actor, req.params.id, req.body))

  app.post('/api/org/sync', { schema: { tags: ['org'], response: { 200: SyncReply } }, config: { permission: 'org.sync' } }, async (req) => d.sync(req.actor.corpId))
}
