/** Console paths; the server answers every non-/api path with index.html. */
export const ROUTES = {
  dashboard: '/',
  liveCodes: '/live-codes',
  // Before `fission`: the menu's selected entry is the first path the location starts with.
  fissionMine: '/fission/mine',
  fission: '/fission',
  customers: '/customers',
  tags: '/tags',
  losses: '/losses',
  segments: '/segments',
  tagJobs: '/tag-jobs',
  tagRules: '/tag-rules',
  transfers: '/transfers',
  customerFields: '/customer-fields',
  customerImports: '/customer-imports',
  exportLogs: '/export-logs',
  employees: '/employees',
  users: '/users',
  sandbox: '/sandbox',
  apiDocs: '/api-docs',
  login: '/login',
} as const
