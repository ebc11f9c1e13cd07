/** Console paths; the server answers every non-/api path with index.html. */
export const ROUTES = {
  dashboard: '/',
  liveCodes: '/live-codes',
  customers: '/customers',
  tags: '/tags',
  losses: '/losses',
  segments: '/segments',
  transfers: '/transfers',
  employees: '/employees',
  users: '/users',
  sandbox: '/sandbox',
  apiDocs: '/api-docs',
  login: '/login',
} as const
