import { useMemo } from 'react'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { useRequest } from '../../shared/use-request'

/** Channel groups already in use, plus the bank channels suggested to a new user. */
export function useChannelGroups() {
  const t = useT()
  const { data, loading, reload } = useRequest(() => call(api.GET('/api/live-codes/channel-groups')), [])
  const presets = t('liveCode.channelPresets')
  const groups = useMemo(() => {
    const all = [...(data?.items ?? []), ...presets.split(',').map((s) => s.trim())]
    return [...new Set(all.filter(Boolean))]
  }, [data, presets])
  return { groups, used: data?.items ?? [], loading, reload }
}
