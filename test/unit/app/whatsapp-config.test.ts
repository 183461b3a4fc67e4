/** The WhatsApp settings: defaults for local mode, and a wrong value named in the error. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#app/config.ts';

describe('WhatsApp configuration', () => {
  it('serves the webhook locally at /whatsapp/twilio with no sender configured', () => {
    const config = loadConfig({ MUJIB_MODE: 'local', PORT: '3000' });

    expect(config.whatsapp).toEqual({
      webhookUrl: 'http://127.0.0.1:3000/whatsapp/twilio',
      apiUrl: 'https://api.twilio.com',
    });
  });

  it('reads the sender as E.164, the account, the template and a Twilio Region’s API', () => {
    const config = loadConfig({
      MUJIB_MODE: 'local',
      MUJIB_WHATSAPP_WEBHOOK_URL: 'https://api.help.shop.example/whatsapp/twilio',
      MUJIB_WHATSAPP_FROM: 'whatsapp:+14155238886',
      MUJIB_TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32),
      MUJIB_WHATSAPP_TEMPLATE_SID: 'HX' + 'b'.repeat(32),
      MUJIB_TWILIO_API_URL: 'https://api.dublin.ie1.twilio.com',
    });

    expect(config.whatsapp).toEqual({
      webhookUrl: 'https://api.help.shop.example/whatsapp/twilio',
      from: '+14155238886',
      accountSid: 'AC' + 'a'.repeat(32),
      templateSid: 'HX' + 'b'.repeat(32),
      apiUrl: 'https://api.dublin.ie1.twilio.com',
    });
  });

  it.each([
    ['MUJIB_WHATSAPP_FROM', 'whatsapp:0501234567', /MUJIB_WHATSAPP_FROM must be a WhatsApp number/],
    ['MUJIB_TWILIO_ACCOUNT_SID', 'AC123', /MUJIB_TWILIO_ACCOUNT_SID must be AC \+ 32 hex digits/],
    ['MUJIB_WHATSAPP_TEMPLATE_SID', 'template-1', /MUJIB_WHATSAPP_TEMPLATE_SID must be HX/],
    ['MUJIB_TWILIO_API_URL', 'ftp://twilio', /MUJIB_TWILIO_API_URL must be an http\(s\) URL/],
  ])('refuses %s=%s, naming it', (name, value, message) => {
    expect(() => loadConfig({ MUJIB_MODE: 'local', [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ MUJIB_MODE: 'local', [name]: value })).toThrow(message);
  });
});
