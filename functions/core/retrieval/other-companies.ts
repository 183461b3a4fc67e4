/**
 * Names of other companies and services customers mention when they ask about something the
 * help centre does not cover ("how do I cancel my netflix", "كيف اغير رقمي في ابشر"): streaming
 * and social apps, other shops and delivery apps, ride hailing, car makers, government portals,
 * telecoms, restaurants, job sites. A name counts only when no article uses it (a help centre
 * that mentions a partner, say its courier, knows the word), and it counts strongly against
 * answering. Left out on purpose: banks and payment providers (their cards are declined in our
 * checkout), couriers (they deliver our parcels), product brands (we sell them), and names that
 * are also ordinary words ("noon", "indeed", "طلبات", "جاهز", "نمشي", "شاهد", "كريم",
 * "نيسان", "زين", "شين", "مقيم", "اتصالات").
 * Normalised like questions: lower case; Arabic without hamza-alef, ة → ه, ى → ي.
 */
export const OTHER_COMPANIES: ReadonlySet<string> = new Set(
  `netflix youtube instagram insta facebook tiktok snapchat twitter spotify anghami osn
  amazon namshi shein temu aliexpress ebay talabat jahez hungerstation careem uber keeta mrsool
  ikea carrefour lulu othaim danube tamimi jarir xcite
  absher tawakkalna nafath muqeem sehhaty
  toyota hyundai lexus bmw mercedes honda kia chevrolet
  mcdonalds kfc starbucks albaik
  linkedin bayt
  stc mobily etisalat
  نتفليكس نتفلكس يوتيوب اليوتيوب انستقرام انستغرام الانستقرام انستا فيسبوك الفيسبوك تيك_توك
  تيكتوك التيك سناب السناب سنابشات تويتر سبوتيفاي انغامي
  امازون نون شي_ان تيمو علي_اكسبرس ايباي هنقرستيشن اوبر كيتا ايكيا كارفور لولو العثيم الدانوب
  التميمي جرير اكسايت
  ابشر توكلنا
  تويوتا هيونداي لكزس مرسيدس هوندا كيا شفروليه
  ماكدونالدز كنتاكي ستاربكس البيك
  لينكدان لينكد_ان
  موبايلي`
    .split(/\s+/)
    .filter((w) => w && !w.includes('_')),
);
