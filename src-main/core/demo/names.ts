// Fictional place names for generated streets; any likeness to a real place is chance.
export const communityNames = [
  '幸福', '和谐', '光明', '文化', '团结', '安康', '朝阳', '锦华', '新华', '民主', '东风', '建设', '丰收', '青山', '翠园',
  '康乐', '兴隆', '春晖', '海东', '乌素', '公园', '祥和', '如意', '富强', '振华', '育才', '滨河', '鸿盛', '长乐', '瑞丰',
];

export const roadNames = ['新华大街', '中山路', '海东路', '锡林路', '兴安路', '呼伦路', '光明路', '人民路', '通道街', '大学街'];

export const dedicatedGridPlaces: readonly (readonly [string, string])[] = [
  ['医院', '市第二医院'],
  ['学校', '实验中学'],
  ['商场', '万达广场'],
  ['企业', '乳业公司'],
  ['商务楼宇', '金融大厦'],
  ['园区', '科技园'],
  ['学校', '第一小学'],
  ['商场', '维多利购物中心'],
  ['企业', '热电厂'],
  ['商务楼宇', '总部基地'],
];
