/**
 * Things a store sells, named the way customers name them ("the blender came cracked", "الكنزه
 * ما جات على مقاسي", "bghit nbdel sbabet"). A help article about returns or damage does not list
 * every product, so a product word no article uses says little about whether the question is on
 * topic: it counts half as much as another unknown word (rewrite-question.ts). Not zero: "do you
 * sell telescopes" is still a question the help centre cannot answer. Common words that are also
 * products in one sense ("watch", "iron", "ring", "glass", "ساعه") are left out.
 */
import { WordLexicon } from './word-lexicon.ts';

const ENGLISH = `
  shirt shirts tshirt tshirts blouse jacket jackets coat coats dress dresses jeans trousers shorts
  skirt sweater sweaters hoodie hoodies jumper cardigan abaya abayas thobe thobes hijab scarf
  shoes shoe sneakers trainers boots sandals heels slippers socks handbag backpack purse
  necklace bracelet earrings sunglasses cap hat belt perfume perfumes lipstick makeup mascara
  shampoo lotion moisturiser moisturizer
  iphone laptop laptops tablet ipad headphones earphones earbuds airpods charger headset tv
  television monitor camera speaker console playstation ps5 xbox keyboard printer smartwatch
  fridge refrigerator freezer microwave oven blender kettle toaster mixer vacuum hoover heater
  washer dryer dishwasher stove cooker airfryer sofa couch armchair mattress pillow pillows
  blanket duvet curtains lamp rug carpet wardrobe cupboard toy toys doll lego stroller pram crib
  diapers nappies bicycle bike mug mugs jug teapot pan pans pot pots
`;

const ARABIC = `
  قميص قمصان تيشيرت تيشرت بلوزه جاكيت جاكيته جاكت معطف فستان فساتين بنطلون بنطال بنطرون
  جينز شورت تنوره جيبه كنزه بلوفر هودي عبايه عبايات ثوب ثياب دشداشه شماغ غتره طرحه حجاب
  حذاء احذيه جزمه جزم صباط سباط صبابط سبابط كوتشي كوتشيات بوط بوت صندل شبشب نعال جوارب شرابات
  شنطه شنط جزدان محفظه سلسال اسواره حلق نظاره نظارات قبعه كاب حزام عطر عطور برفان روج
  مكياج شامبو
  ايفون لابتوب تابلت ايباد سماعه سماعات ايربودز شاحن شاشه تلفزيون تلفاز تلفزه كاميرا
  بلايستيشن بلاستيشن طابعه ثلاجه تلاجه براد فريزر ميكرويف فرن خلاط غلايه كتل محمصه مكنسه
  مكواه مروحه دفايه غساله نشافه جلايه بوتاجاز طباخ كنبه كنب كنبايه كرسي كراسي طاوله سرير
  مرتبه فرشه مخده مخدات بطانيه لحاف ستاره ستاير برداي لمبه سجاده زربيه دولاب خزانه لعبه العاب
  دميه عربيه حفاضات بامبرز دراجه بسكليت سيكل كوب كوبايه فنجان صحن طنجره مقلاه ابريق
`;

export const PRODUCTS = new WordLexicon(ENGLISH, ARABIC);
