/** One error type for every rule Pond enforces: a stable code, an HTTP status, a message in zh-CN and en. */
export interface ErrorSpec { status: number; message: { zh: string; en: string } }

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messages: { zh: string; en: string },
    readonly details?: unknown,
  ) {
    super(messages.en)
    this.name = 'AppError'
  }
}

/** A module lists its codes once; `appError(code)` builds the error from that catalogue. */
export function defineErrors<const T extends Record<string, ErrorSpec>>(catalog: T) {
  return (code: keyof T & string, details?: unknown): AppError => {
    const spec = catalog[code]!
    return new AppError(code, spec.status, spec.message, details)
  }
}

export const httpError = defineErrors({
  'request.invalid': { status: 400, message: { zh: '请求参数不正确', en: 'The request is invalid' } },
  'request.malformed': { status: 400, message: { zh: '请求内容无法解析', en: 'The request body could not be parsed' } },
  'request.too_large': { status: 413, message: { zh: '请求内容过大', en: 'The request body is too large' } },
  'request.unsupported_media_type': { status: 415, message: { zh: '不支持的内容类型', en: 'Unsupported content type' } },
  'route.not_found': { status: 404, message: { zh: '接口不存在', en: 'No such endpoint' } },
  'auth.required': { status: 401, message: { zh: '请先登录', en: 'Please log in' } },
  'auth.forbidden': { status: 403, message: { zh: '没有权限执行此操作', en: 'You are not allowed to do this' } },
  internal: { status: 500, message: { zh: '服务器内部错误', en: 'Internal server error' } },
})
