/** The widget's own UI words in English and Arabic (the bot's answers come from the API). */
export type UiLang = 'en' | 'ar';

const EN = {
  title: 'Nakheel help',
  open: 'Open help chat',
  openUnread: 'Open help chat (new reply)',
  close: 'Close chat',
  placeholder: 'Type your question…',
  inputLabel: 'Your question',
  send: 'Send',
  log: 'Conversation',
  welcome: 'Hi! Ask me about orders, delivery, returns, payments or your account.',
  you: 'You',
  bot: 'Nakheel assistant',
  staff: 'Support team',
  readArticle: 'Read the full article',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  thanksFeedback: 'Thanks for your feedback.',
  ticketRef: 'Your reference',
  emailLabel: 'Email (optional) for the reply',
  emailPlaceholder: 'name@example.com',
  emailSend: 'Send email',
  emailSaved: 'Thanks, we will also reply to you by email.',
  emailInvalid: 'Please enter a valid email address.',
  staffReplyAbout: 'Reply from our support team ({ref})',
  thinking: 'Looking for an answer…',
  networkError: 'Sorry, the message could not be sent.',
  retry: 'Try again',
  options: 'Choose a topic',
} as const;

export type UiKey = keyof typeof EN;

const AR: Record<UiKey, string> = {
  title: 'مساعدة نخيل',
  open: 'افتح محادثة المساعدة',
  openUnread: 'افتح محادثة المساعدة (رد جديد)',
  close: 'أغلق المحادثة',
  placeholder: 'اكتب سؤالك…',
  inputLabel: 'سؤالك',
  send: 'إرسال',
  log: 'المحادثة',
  welcome: 'مرحبًا! اسألني عن الطلبات أو التوصيل أو الإرجاع أو الدفع أو حسابك.',
  you: 'أنت',
  bot: 'مساعد نخيل',
  staff: 'فريق الدعم',
  readArticle: 'اقرأ المقال كاملًا',
  helpful: 'مفيد',
  notHelpful: 'غير مفيد',
  thanksFeedback: 'شكرًا على رأيك.',
  ticketRef: 'رقم تذكرتك',
  emailLabel: 'البريد الإلكتروني (اختياري) لتلقي الرد',
  emailPlaceholder: 'name@example.com',
  emailSend: 'أرسل البريد',
  emailSaved: 'شكرًا، سنرد عليك أيضًا عبر البريد الإلكتروني.',
  emailInvalid: 'أدخل بريدًا إلكترونيًا صحيحًا من فضلك.',
  staffReplyAbout: 'رد من فريق الدعم ({ref})',
  thinking: 'أبحث عن إجابة…',
  networkError: 'عذرًا، تعذّر إرسال الرسالة.',
  retry: 'حاول مرة أخرى',
  options: 'اختر موضوعًا',
};

export type Strings = Record<UiKey, string>;

export function uiStrings(lang: UiLang): Strings {
  return lang === 'ar' ? AR : EN;
}
