import { XMLParser, XMLValidator } from 'fast-xml-parser'

/** An XML element as fast-xml-parser returns it with `parseTagValue: false`: text, child map or repeats. */
export type XmlNode = string | XmlElement | XmlNode[]
/** A parsed element's children by tag name. */
export type XmlElement = { [tag: string]: XmlNode }

// Every value stays a string: ids such as external user ids may look numeric or carry leading zeros.
const parserOptions = {
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  isArray: (tag: string) => tag === 'Item',
}
const withEntities = new XMLParser({ ...parserOptions, processEntities: true })
const withoutEntities = new XMLParser({ ...parserOptions, processEntities: false })

/** Thrown by {@link parseXmlRoot}; callers translate it into their own error. */
export class XmlShapeError extends Error {
  override readonly name = 'XmlShapeError'
}

/**
 * Parses a WeCom XML document whose root element is `<xml>` and returns the root's children.
 * DTDs are refused outright: WeCom never sends them and they are the usual entity-expansion vector.
 */
export const parseXmlRoot = (xml: string, options: { entities: boolean }): XmlElement => {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new XmlShapeError('DTD not allowed')
  const valid = XMLValidator.validate(xml)
  if (valid !== true) throw new XmlShapeError(`malformed XML: ${valid.err.msg}`)
  const parsed: unknown = (options.entities ? withEntities : withoutEntities).parse(xml)
  const root = isElement(parsed) ? parsed['xml'] : undefined
  if (root === '') return {}
  if (!isElement(root)) throw new XmlShapeError('missing <xml> root element')
  return root
}

/** True for a child map (not text, not a list of repeats). */
export const isElement = (node: unknown): node is XmlElement =>
  typeof node === 'object' && node !== null && !Array.isArray(node)

/** The trimmed text of a single child element; undefined when absent, repeated or not text. */
export const textOf = (parent: XmlElement, tag: string): string | undefined => {
  if (!Object.hasOwn(parent, tag)) return undefined
  const node = parent[tag]
  return typeof node === 'string' ? node.trim() : undefined
}

/** Like {@link textOf}, but an empty element also counts as absent. */
export const nonEmptyTextOf = (parent: XmlElement, tag: string): string | undefined => {
  const text = textOf(parent, tag)
  return text === '' ? undefined : text
}

/** A base-10 integer (optionally negative) within the safe range; undefined otherwise. */
export const parseSafeInt = (text: string | undefined): number | undefined => {
  if (text === undefined || !/^-?\d{1,16}$/.test(text)) return undefined
  const value = Number(text)
  return Number.isSafeInteger(value) ? value : undefined
}
