import { useRef, useState, type CSSProperties, type PointerEvent as ReactPointerEvent } from 'react'
import { Alert, Button, Card, Checkbox, Col, ColorPicker, Flex, Input, InputNumber, Row, Segmented, Space, Typography, Upload, theme } from 'antd'
import { UploadOutlined, UserOutlined } from '@ant-design/icons'
// The server's own layout check (pure, no dependencies), so the console refuses exactly what the server would.
import { checkPosterLayout, LINE_HEIGHT, POSTER_SIDE, QR_MIN_SIZE, textMaxWidth, type PosterLayoutProblem } from '../../../../server/src/modules/fission/poster/layout'
import { api, call } from '../../app/api'
import { showError, toastSuccess } from '../../app/feedback'
import { useT, type Translate } from '../../app/i18n'
import type { PosterLayout } from './types'

type Box = { x: number; y: number; size: number }
type Slot = 'qr' | 'avatar' | 'name'

/** Width of the on-screen preview; the poster is drawn scaled to it. */
const PREVIEW_WIDTH = 280

export const DEFAULT_POSTER: PosterLayout = {
  backgroundUrl: '',
  width: 750,
  height: 1334,
  qr: { x: 515, y: 1099, size: 200 },
  avatar: { x: 40, y: 40, size: 96 },
  name: { x: 156, y: 64, fontSize: 36, color: '#1f1f1f', align: 'left' },
}

export const posterProblems = (poster: PosterLayout) => checkPosterLayout(poster)

const FIELD_LABEL = { size: 'fission.poster.size', qr: 'fission.poster.qr', avatar: 'fission.poster.avatar', name: 'fission.poster.name' } as const
/** One layout problem in words, e.g. "二维码超出了海报范围". */
export const problemText = (t: Translate, p: PosterLayoutProblem) =>
  t(`fission.poster.problem.${p.problem}`, { field: t(FIELD_LABEL[p.field]), qrMin: QR_MIN_SIZE })

/** An uploaded background (server: modules/fission/backgrounds.ts) or an http(s) image. */
export const isBackgroundUrl = (url: string) => /^(https?:\/\/\S+|\/h5\/fission-assets\/backgrounds\/[0-9a-f]{64}\.(png|jpg))$/.test(url)

/** Sends one image to Pond; the answer names its URL and real pixel size. */
async function uploadBackground(file: File) {
  const form = new FormData()
  form.append('file', file, file.name)
  return call(api.POST('/api/fission/poster-backgrounds', { body: form, bodySerializer: (body: FormData) => body } as never))
}

/**
 * The layout resized to an image of `imageWidth`×`imageHeight` (shrunk to the poster's largest side, same shape):
 * positions scale with each side, sizes with the smaller ratio, the QR never below its minimum, boxes kept inside.
 */
function fitTo(layout: PosterLayout, imageWidth: number, imageHeight: number): PosterLayout {
  const shrink = Math.min(1, POSTER_SIDE.max / Math.max(imageWidth, imageHeight))
  const width = Math.round(imageWidth * shrink), height = Math.round(imageHeight * shrink)
  const sx = width / layout.width, sy = height / layout.height, s = Math.min(sx, sy)
  const box = (b: Box, min = 1) => {
    const size = Math.min(Math.max(min, Math.round(b.size * s)), width, height)
    return { x: clampInt(b.x * sx, 0, width - size), y: clampInt(b.y * sy, 0, height - size), size }
  }
  return {
    ...layout, width, height, qr: box(layout.qr, QR_MIN_SIZE), avatar: layout.avatar && box(layout.avatar),
    name: layout.name && { ...layout.name, x: Math.round(layout.name.x * sx), y: Math.round(layout.name.y * sy), fontSize: Math.max(12, Math.round(layout.name.fontSize * s)) },
  }
}

const clampInt = (n: number, min: number, max: number) => Math.round(Math.min(Math.max(n, min), Math.max(min, max)))

/** The poster's layout: background, QR, avatar and name, dragged on a scaled preview or typed in pixels. */
export function PosterEditor({ value = DEFAULT_POSTER, onChange }: { value?: PosterLayout; onChange?: (next: PosterLayout) => void }) {
  const t = useT()
  const { token } = theme.useToken()
  const scale = PREVIEW_WIDTH / Math.max(value.width, 1)
  const drag = useRef<{ slot: Slot; startX: number; startY: number; origin: { x: number; y: number } }>(undefined)
  const problems = checkPosterLayout(value)
  const problemOf = (field: PosterLayoutProblem['field']) => problems.find((p) => p.field === field)

  const set = (patch: Partial<PosterLayout>) => onChange?.({ ...value, ...patch })
  const [uploading, setUploading] = useState(false)
  /** The poster takes the image's size, so the background is drawn uncropped; the boxes move with it. */
  const upload = async (file: File) => {
    setUploading(true)
    try {
      const { url, width, height } = await uploadBackground(file)
      onChange?.({ ...fitTo(value, width, height), backgroundUrl: url })
      toastSuccess(t('fission.poster.uploaded', { width, height }))
    } catch (error) {
      showError(error)
    } finally {
      setUploading(false)
    }
    return false
  }
  const moveTo = (slot: Slot, x: number, y: number) => {
    if (slot === 'name' && value.name) set({ name: { ...value.name, x: clampInt(x, 0, value.width), y: clampInt(y, 0, value.height - value.name.fontSize * LINE_HEIGHT) } })
    else if (slot !== 'name') {
      const box = value[slot]
      if (box) set({ [slot]: { ...box, x: clampInt(x, 0, value.width - box.size), y: clampInt(y, 0, value.height - box.size) } })
    }
  }

  const onPointerDown = (slot: Slot) => (e: ReactPointerEvent<HTMLDivElement>) => {
    const origin = slot === 'name' ? value.name! : value[slot]!
    drag.current = { slot, startX: e.clientX, startY: e.clientY, origin: { x: origin.x, y: origin.y } }
    e.currentTarget.setPointerCapture(e.pointerId)
    e.preventDefault()
  }
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current
    if (!d) return
    moveTo(d.slot, d.origin.x + (e.clientX - d.startX) / scale, d.origin.y + (e.clientY - d.startY) / scale)
  }
  const onPointerUp = () => { drag.current = undefined }

  const handle = (slot: Slot): CSSProperties => ({
    position: 'absolute', cursor: 'move', touchAction: 'none', boxSizing: 'border-box', userSelect: 'none',
    border: `2px dashed ${problemOf(slot) ? token.colorError : token.colorPrimary}`, background: 'rgba(255,255,255,0.72)',
    display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 12, color: token.colorText,
  })
  const boxStyle = (b: Box): CSSProperties => ({ left: b.x * scale, top: b.y * scale, width: b.size * scale, height: b.size * scale })
  const name = value.name
  const nameWidth = name ? textMaxWidth(name, value.width) * scale : 0
  const nameLeft = name ? (name.align === 'center' ? name.x * scale - nameWidth / 2 : name.align === 'right' ? name.x * scale - nameWidth : name.x * scale) : 0

  const boxInputs = (slot: 'qr' | 'avatar', box: Box) => (
    <Space.Compact>
      <InputNumber status={problemOf(slot) && 'error'} prefix="X" value={box.x} onChange={(x) => set({ [slot]: { ...box, x: x ?? 0 } })} style={{ width: 110 }} data-testid={`poster-${slot}-x`} />
      <InputNumber status={problemOf(slot) && 'error'} prefix="Y" value={box.y} onChange={(y) => set({ [slot]: { ...box, y: y ?? 0 } })} style={{ width: 110 }} data-testid={`poster-${slot}-y`} />
      <InputNumber status={problemOf(slot) && 'error'} prefix="↔" value={box.size} onChange={(size) => set({ [slot]: { ...box, size: size ?? 0 } })} style={{ width: 110 }} />
    </Space.Compact>
  )


  return (
    <Row gutter={24} wrap={false}>
      <Col flex={`${PREVIEW_WIDTH + 26}px`}>
        <Typography.Text type="secondary">{t('fission.poster.preview')}</Typography.Text>
        <div
          data-testid="poster-preview"
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          style={{
            position: 'relative', marginTop: 8, width: PREVIEW_WIDTH, height: value.height * scale, overflow: 'hidden',
            border: `1px solid ${token.colorBorder}`, borderRadius: token.borderRadius,
            background: value.backgroundUrl ? `center / cover no-repeat url("${encodeURI(value.backgroundUrl)}")` : `linear-gradient(160deg, ${token.colorPrimaryBg}, ${token.colorWarningBg})`,
          }}
        >
          {value.avatar && (
            <div style={{ ...handle('avatar'), ...boxStyle(value.avatar), borderRadius: '50%' }} onPointerDown={onPointerDown('avatar')} data-testid="poster-avatar">
              <UserOutlined style={{ fontSize: value.avatar.size * scale * 0.5 }} />
            </div>
          )}
          {name && (
            <div
              style={{
                ...handle('name'), left: nameLeft, top: name.y * scale, width: nameWidth, height: name.fontSize * LINE_HEIGHT * scale,
                justifyContent: name.align === 'center' ? 'center' : name.align === 'right' ? 'flex-end' : 'flex-start',
                fontSize: name.fontSize * scale, color: name.color ?? '#1f1f1f', background: 'transparent', whiteSpace: 'nowrap', overflow: 'hidden',
              }}
              onPointerDown={onPointerDown('name')}
              data-testid="poster-name"
            >
              {t('fission.poster.nameSample')}
            </div>
          )}
          <div style={{ ...handle('qr'), ...boxStyle(value.qr) }} onPointerDown={onPointerDown('qr')} data-testid="poster-qr">
            QR
          </div>
        </div>
      </Col>
      <Col flex="auto">
        <Flex vertical gap={12}>
          <Typography.Text>{t('fission.poster.backgroundUrl')}</Typography.Text>
          <Flex gap={8} align="center" wrap>
            <Upload accept="image/png,image/jpeg" showUploadList={false} beforeUpload={upload} disabled={uploading}>
              <Button icon={<UploadOutlined />} loading={uploading} data-testid="poster-upload">{t('fission.poster.upload')}</Button>
            </Upload>
            <Typography.Text type="secondary">{t('fission.poster.uploadHint')}</Typography.Text>
          </Flex>
          <Input
            value={value.backgroundUrl}
            onChange={(e) => set({ backgroundUrl: e.target.value })}
            status={value.backgroundUrl && !isBackgroundUrl(value.backgroundUrl) ? 'error' : undefined}
            placeholder={t('fission.poster.urlHint')}
            data-testid="poster-background"
          />
          <Typography.Text>{t('fission.poster.size')}</Typography.Text>
          <Space.Compact>
            <InputNumber status={problemOf('size') && 'error'} prefix={t('fission.poster.width')} value={value.width} onChange={(width) => set({ width: width ?? 0 })} style={{ width: 150 }} />
            <InputNumber status={problemOf('size') && 'error'} prefix={t('fission.poster.height')} value={value.height} onChange={(height) => set({ height: height ?? 0 })} style={{ width: 150 }} />
          </Space.Compact>
          <Card size="small" title={t('fission.poster.qr')}>{boxInputs('qr', value.qr)}</Card>
          <Card
            size="small"
            title={t('fission.poster.avatar')}
            extra={<Checkbox checked={!!value.avatar} onChange={(e) => set({ avatar: e.target.checked ? DEFAULT_POSTER.avatar : undefined })}>{t('fission.poster.show')}</Checkbox>}
          >
            {value.avatar && boxInputs('avatar', value.avatar)}
          </Card>
          <Card
            size="small"
            title={t('fission.poster.name')}
            extra={<Checkbox checked={!!name} onChange={(e) => set({ name: e.target.checked ? DEFAULT_POSTER.name : undefined })}>{t('fission.poster.show')}</Checkbox>}
          >
            {name && (
              <Flex vertical gap={8}>
                <Space.Compact>
                  <InputNumber status={problemOf('name') && 'error'} prefix="X" value={name.x} onChange={(x) => set({ name: { ...name, x: x ?? 0 } })} style={{ width: 110 }} />
                  <InputNumber status={problemOf('name') && 'error'} prefix="Y" value={name.y} onChange={(y) => set({ name: { ...name, y: y ?? 0 } })} style={{ width: 110 }} />
                  <InputNumber status={problemOf('name') && 'error'} prefix={t('fission.poster.fontSize')} value={name.fontSize} onChange={(fontSize) => set({ name: { ...name, fontSize: fontSize ?? 0 } })} style={{ width: 140 }} />
                </Space.Compact>
                <Space>
                  <Segmented
                    value={name.align ?? 'left'}
                    onChange={(align) => set({ name: { ...name, align } })}
                    options={(['left', 'center', 'right'] as const).map((a) => ({ value: a, label: t(`fission.poster.align.${a}`) }))}
                  />
                  <ColorPicker value={name.color ?? '#1f1f1f'} onChange={(c) => set({ name: { ...name, color: c.toHexString().slice(0, 7) } })} showText disabledAlpha />
                </Space>
              </Flex>
            )}
          </Card>
          {problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              data-testid="poster-problems"
              title={problems.map((p) => problemText(t, p)).join('；')}
            />
          )}
        </Flex>
      </Col>
    </Row>
  )
}
