import { App } from 'antd'
import { useT } from '../../app/i18n'

/** Copies text for the employee to paste into a WeCom chat, and says so (或 why not: no clipboard outside https). */
export function useCopy() {
  const t = useT()
  const { message } = App.useApp()
  return async (text: string) => {
    try {
      await navigator.clipboard.writeText(text)
      void message.success(t('fissionMine.copied'))
    } catch {
      void message.error(t('fissionMine.copyFailed'))
    }
  }
}
