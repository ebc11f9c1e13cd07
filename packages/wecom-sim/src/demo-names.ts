import type { Rng } from './rng'

// Common surnames and given-name characters with pinyin, so userids read like real ones (zhangwei).
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
  ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin'], ['罗', 'luo'], ['高', 'gao'], ['郑', 'zheng'],
  ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'], ['许', 'xu'], ['韩', 'han'], ['冯', 'feng'],
  ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'], ['肖', 'xiao'], ['田', 'tian'], ['董', 'dong'],
  ['袁', 'yuan'], ['潘', 'pan'], ['蒋', 'jiang'], ['蔡', 'cai'], ['余', 'yu'], ['杜', 'du'], ['叶', 'ye'],
  ['程', 'cheng'], ['魏', 'wei'], ['苏', 'su'], ['吕', 'lv'], ['丁', 'ding'], ['任', 'ren'], ['沈', 'shen'],
  ['姚', 'yao'], ['卢', 'lu'], ['姜', 'jiang'], ['崔', 'cui'], ['钟', 'zhong'], ['谭', 'tan'], ['陆', 'lu'],
  ['汪', 'wang'], ['范', 'fan'], ['金', 'jin'], ['石', 'shi'], ['廖', 'liao'], ['贾', 'jia'], ['夏', 'xia'],
  ['韦', 'wei'], ['方', 'fang'], ['白', 'bai'], ['邹', 'zou'], ['孟', 'meng'], ['熊', 'xiong'], ['秦', 'qin'],
]

export const MALE_CHARS: readonly (readonly [string, string])[] = [
  ['伟', 'wei'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['杰', 'jie'],
  ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['刚', 'gang'], ['平', 'ping'], ['辉', 'hui'], ['鹏', 'peng'],
  ['华', 'hua'], ['飞', 'fei'], ['鑫', 'xin'], ['波', 'bo'], ['斌', 'bin'], ['宇', 'yu'], ['浩', 'hao'],
  ['凯', 'kai'], ['健', 'jian'], ['俊', 'jun'], ['帆', 'fan'], ['帅', 'shuai'], ['旭', 'xu'], ['宁', 'ning'],
  ['龙', 'long'], ['林', 'lin'], ['峰', 'feng'], ['建', 'jian'], ['国', 'guo'], ['志', 'zhi'], ['文', 'wen'],
  ['博', 'bo'], ['晨', 'chen'], ['子', 'zi'], ['轩', 'xuan'], ['睿', 'rui'],
]

export const FEMALE_CHARS: readonly (readonly [string, string])[] = [
  ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['艳', 'yan'], ['娟', 'juan'],
  ['霞', 'xia'], ['婷', 'ting'], ['雪', 'xue'], ['慧', 'hui'], ['玲', 'ling'], ['倩', 'qian'], ['颖', 'ying'],
  ['琳', 'lin'], ['欣', 'xin'], ['怡', 'yi'], ['佳', 'jia'], ['梅', 'mei'], ['莉', 'li'], ['晶', 'jing'],
  ['燕', 'yan'], ['萍', 'ping'], ['红', 'hong'], ['雯', 'wen'], ['璐', 'lu'], ['思', 'si'], ['雨', 'yu'],
  ['晓', 'xiao'], ['悦', 'yue'], ['琪', 'qi'], ['瑶', 'yao'], ['洁', 'jie'], ['蕾', 'lei'], ['薇', 'wei'],
]

export interface PersonName {
  name: string
  pinyin: string
  gender: 1 | 2
}

/** A two- or three-character Chinese name drawn from `rng`. */
export function drawName(rng: Rng): PersonName {
  const [surname, surnamePinyin] = rng.pick(SURNAMES)
  const gender = rng.chance(0.5) ? 1 : 2
  const chars = gender === 1 ? MALE_CHARS : FEMALE_CHARS
  const parts = [rng.pick(chars)]
  if (rng.chance(0.6)) parts.push(rng.pick(chars))
  return {
    name: surname + parts.map(([c]) => c).join(''),
    pinyin: surnamePinyin + parts.map(([, p]) => p).join(''),
    gender,
  }
}
