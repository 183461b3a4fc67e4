/**
 * Countries and cities customers name when they ask where we deliver, how long it takes or what
 * it costs ("do you deliver to algeria", "بتشحنوا عالاردن", "التوصيل لابها كم يوم"). A help centre
 * names only some places, so a place no article uses is not evidence that the question is off
 * topic, as an unknown word otherwise is: it is not counted as unknown. It does not match
 * anything either, so "weather in jeddah" still rests on "weather" alone. Single words only (the
 * parts of "saudi arabia", "abu dhabi", "الدار البيضاء"), matched as word-lexicon.ts says.
 */
import { WordLexicon } from './word-lexicon.ts';

const ENGLISH = `
  saudi arabia ksa uae emirates kuwait qatar bahrain oman yemen iraq jordan syria lebanon
  palestine egypt sudan libya tunisia algeria morocco mauritania somalia djibouti
  iran pakistan india bangladesh indonesia malaysia philippines china japan korea
  uk england britain usa america canada germany france italy spain netherlands
  australia nigeria kenya ethiopia
  riyadh jeddah jedda mecca makkah medina madinah dammam khobar dhahran jubail qassim buraidah
  tabuk abha khamis mushait jazan jizan najran taif yanbu hofuf ahsa qatif baha arar
  sakaka jouf unaizah
  dubai abu dhabi sharjah ajman fujairah muscat doha manama
  cairo alexandria giza amman beirut damascus baghdad casablanca rabat marrakech fes tangier
  algiers oran tunis sfax tripoli khartoum istanbul london paris
`;

const ARABIC = `
  السعوديه المملكه الامارات الكويت قطر البحرين عمان عُمان اليمن العراق الاردن سوريا سوريه لبنان
  فلسطين مصر السودان ليبيا تونس الجزاير الجزائر المغرب موريتانيا الصومال جيبوتي
  تركيا ايران باكستان الهند بنغلاديش اندونيسيا ماليزيا الفلبين الصين اليابان كوريا
  بريطانيا امريكا كندا المانيا فرنسا ايطاليا اسبانيا هولندا استراليا
  الرياض جده جدة مكه المدينه الدمام الخبر الظهران الجبيل القصيم بريده حايل حائل تبوك ابها
  مشيط جازان جيزان نجران الطايف الطائف ينبع الهفوف الاحساء القطيف الباحه عرعر سكاكا الجوف عنيزه
  دبي ابوظبي ظبي الشارقه عجمان الفجيره مسقط الدوحه المنامه
  القاهره الاسكندريه اسكندريه الجيزه عمّان بيروت دمشق الشام بغداد البيضا البيضاء كازا الرباط مراكش فاس
  طنجه وهران طرابلس صفاقس الخرطوم اسطنبول لندن باريس
`;

/** Whether a normalised question word names a country or city. */
export const PLACES = new WordLexicon(ENGLISH, ARABIC);
