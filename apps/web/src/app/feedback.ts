import type { App } from 'antd'
import { ApiError } from './api'
import { translate } from './i18n'

type MessageInstance = ReturnType<typeof App.useApp>['message']

let messageApi: MessageInstance | undefined

/** Wired once by <FeedbackBridge/> so non-component code can toast inside antd's App context. */
export const registerMessageApi = (api: MessageInstance) => {
  messageApi = api
}

export const toastSuccess = (text: string) => void messageApi?.success(text)

/** Shows the server's message for a failed call; 401s are handled by the session redirect. */
export function showError(error: unknown) {
  if (error instanceof ApiError) {
    if (error.status === 401 && error.code !== 'auth.invalid_credentials') return
    if (error.code === 'network') return void messageApi?.error(translate('error.network'))
    return void messageApi?.error(error.message || translate('error.unknown'))
  }
  void messageApi?.error(error instanceof Error ? error.message : translate('error.unknown'))
}
