import multipart from '@fastify/multipart'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { CustomerIdParams } from '../schema'
import { profileError } from './errors'
import { MAX_IMPORT_BYTES } from './import-file'
import type { ImportService, Lang } from './import-service'
import {
  ApplyBody, FieldBody, FieldIdParams, FieldList, FieldListQuery, FieldUpdate, FieldView, ImportIdParams, ImportList, ImportListQuery,
  ImportMappingBody, ImportView, ProfileBody, ProfileReply, RowPage, RowsQuery, TemplateQuery,
} from './schema'
import type { ProfileService } from './service'

const langOf = (req: FastifyRequest): Lang => String(req.headers['accept-language'] ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh'
const UploadQuery = z.object({ matchBy: z.enum(['phone', 'bank_customer_no']).optional() })

/** The one uploaded file, whole; the size limit and a missing file become the import's own codes. */
async function uploadedFile(req: FastifyRequest) {
  if (!req.isMultipart()) throw profileError('customers.import.file_missing')
  const part = await req.file()
  if (!part) throw profileError('customers.import.file_missing')
  try {
    return { filename: part.filename, data: await part.toBuffer() }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw profileError('customers.import.too_large', { maxBytes: MAX_IMPORT_BYTES })
    throw err
  }
}

export const profileRoutes = (profile: ProfileService, imports: ImportService): FastifyPluginAsyncZod => async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 } })
  const tags = ['customer-profile']
  const read = { permission: 'customers.read' } as const
  const write = { permission: 'customers.field.write' } as const
  const imp = { permission: 'customers.import' } as const

  app.get('/api/customer-fields', { schema: { tags, querystring: FieldListQuery, response: { 200: FieldList } }, config: read },
    async (req) => profile.listFields(req.actor, req.query.includeArchived))
  app.post('/api/customer-fields', { schema: { tags, body: FieldBody, response: { 201: FieldView } }, config: write },
    async (req, reply) => reply.code(201).send(await profile.createField(req.actor, req.body)))
  app.put('/api/customer-fields/:id', { schema: { tags, params: FieldIdParams, body: FieldUpdate, response: { 200: FieldView } }, config: write },
    async (req) => profile.updateField(req.actor, req.params.id, req.body))
  app.delete('/api/customer-fields/:id', { schema: { tags, params: FieldIdParams, response: { 204: z.null() } }, config: write },
    async (req, reply) => { await profile.deleteField(req.actor, req.params.id); return reply.code(204).send(null) })

  app.patch('/api/customers/:id/profile', { schema: { tags, params: CustomerIdParams, body: ProfileBody, response: { 200: ProfileReply } }, config: { permission: 'customers.note.write' } },
    async (req) => profile.updateProfile(req.actor, req.params.id, req.body))

  app.post('/api/customer-imports', {
    schema: { tags, querystring: UploadQuery, consumes: ['multipart/form-data'], response: { 201: ImportView }, description: 'multipart/form-data with one `file` (CSV or XLSX, ≤ 20 MB, ≤ 200,000 rows)' },
    config: imp,
  }, async (req, reply) => reply.code(201).send(await imports.upload(req.actor, await uploadedFile(req), req.query.matchBy)))
  app.get('/api/customer-imports', { schema: { tags, querystring: ImportListQuery, response: { 200: ImportList } }, config: imp },
    async (req) => imports.list(req.actor, req.query))
  app.get('/api/customer-imports/template', { schema: { tags, querystring: TemplateQuery }, config: imp }, async (req, reply) => {
    const file = await imports.template(req.actor, req.query.format)
    return reply.header('content-disposition', `attachment; filename="${file.filename}"`).type(req.query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(file.body)
  })
  app.get('/api/customer-imports/:id', { schema: { tags, params: ImportIdParams, response: { 200: ImportView } }, config: imp },
    async (req) => imports.get(req.actor, req.params.id))
  app.put('/api/customer-imports/:id/mapping', { schema: { tags, params: ImportIdParams, body: ImportMappingBody, response: { 200: ImportView } }, config: imp },
    async (req) => imports.remap(req.actor, req.params.id, req.body))
  app.get('/api/customer-imports/:id/rows', { schema: { tags, params: ImportIdParams, querystring: RowsQuery, response: { 200: RowPage } }, config: imp },
    async (req) => imports.rows(req.actor, req.params.id, req.query, langOf(req)))
  app.post('/api/customer-imports/:id/apply', { schema: { tags, params: ImportIdParams, body: ApplyBody, response: { 200: ImportView } }, config: imp },
    async (req) => imports.apply(req.actor, req.params.id, req.body.mode))
  app.post('/api/customer-imports/:id/discard', { schema: { tags, params: ImportIdParams, response: { 200: ImportView } }, config: imp },
    async (req) => imports.discard(req.actor, req.params.id))
  app.get('/api/customer-imports/:id/errors.csv', { schema: { tags, params: ImportIdParams }, config: imp }, async (req, reply) => {
    const file = await imports.errorReport(req.actor, req.params.id, langOf(req))
    return reply.header('content-disposition', `attachment; filename="${file.filename}"`).type('text/csv; charset=utf-8').send(file.body)
  })
}
