import type { FormInstance } from 'antd'
import { useState } from 'react'
import { showError } from '../app/feedback'

/**
 * A form's save: validate (antd marks the fields and nothing is sent), run `save`, and on failure let
 * `onError` put the error on a field — returning true when that says it all — or else toast it.
 * `saving` drives the save button.
 */
export function useFormSubmit<V>(form: FormInstance<V>, save: (values: V) => Promise<unknown>, onError?: (error: unknown, values: V) => boolean) {
  const [saving, setSaving] = useState(false)
  const submit = async () => {
    let values: V
    try {
      values = await form.validateFields()
    } catch {
      return
    }
    setSaving(true)
    try {
      await save(values)
    } catch (error) {
      if (!onError?.(error, values)) showError(error)
    } finally {
      setSaving(false)
    }
  }
  return { submit, saving }
}
