import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { zhCN, type MessageKey, type Messages } from '../i18n/zh-CN'
import { en } from '../i18n/en'

export type Locale = 'zh-CN' | 'en'
export type Vars = Record<string, string | number>
export type Translate = (key: MessageKey, vars?: Vars) => string

const CATALOGUES: Record<Locale, Messages> = { 'zh-CN': zhCN, en }
const STORAGE_KEY = 'pond.locale'

const format = (text: string, vars?: Vars) =>
  vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole)) : text

let activeCatalogue: Messages = zhCN
let activeLocale: Locale = 'zh-CN'

/** The UI language, sent as Accept-Language so server error messages match it. */
export const currentLocale = (): Locale => activeLocale

/** For code outside components (toasts); components use `useT()` so they re-render on a switch. */
export const translate: Translate = (key, vars) => format(activeCatalogue[key], vars)

const readLocale = (): Locale => {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

const applyLocale = (locale: Locale) => {
  activeCatalogue = CATALOGUES[locale]
  activeLocale = locale
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn')
  document.documentElement.lang = locale
}

type I18nValue = { locale: Locale; setLocale: (locale: Locale) => void; t: Translate }
const I18nContext = createContext<I18nValue | undefined>(undefined)

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = readLocale()
    applyLocale(initial)
    return initial
  })
  const setLocale = useCallback((next: Locale) => {
    applyLocale(next)
    try {
      localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // storage may be disabled (private mode); the switch still applies to this tab
    }
    setLocaleState(next)
  }, [])
  const value = useMemo<I18nValue>(() => {
    const catalogue = CATALOGUES[locale]
    return { locale, setLocale, t: (key, vars) => format(catalogue[key], vars) }
  }, [locale, setLocale])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n outside <I18nProvider>')
  return value
}

export const useT = (): Translate => useI18n().t
