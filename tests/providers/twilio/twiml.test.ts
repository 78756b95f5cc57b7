import { describe, expect, it } from "vitest";
import {
  notConfigured,
  notRegistered,
  subscriptionInactive,
  TRANSCRIPTION_CALLBACK_PATH,
  VOICEMAIL_ACTION_PATH,
  vapiUnavailable,
} from "@/providers/twilio/twiml";
import { parseXml, type XmlElement } from "./xml";

const verbs = (xml: string) => {
  const root = parseXml(xml);
  expect(root.name).toBe("Response");
  return root.children;
};
const names = (elements: XmlElement[]) => elements.map((element) => element.name);
const spoken = (elements: XmlElement[]) => elements.filter((element) => element.name === "Say");

describe("TwiML builders", () => {
  it("start with an XML declaration", () => {
    for (const xml of [notRegistered(), notConfigured(), subscriptionInactive(), vapiUnavailable()]) {
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    }
  });

  it("notRegistered says so in English and Russian, then hangs up", () => {
    const elements = verbs(notRegistered());
    expect(names(elements)).toEqual(["Say", "Say", "Hangup"]);
    expect(elements[0]).toMatchObject({ attributes: { language: "en-US" }, text: expect.stringContaining("not registered") });
    expect(elements[1]).toMatchObject({ attributes: { language: "ru-RU" }, text: expect.stringContaining("не зарегистрирован") });
  });

  it("notConfigured says the assistant is not set up, then hangs up", () => {
    const elements = verbs(notConfigured());
    expect(names(elements)).toEqual(["Say", "Say", "Hangup"]);
    expect(elements[0]?.text).toContain("not set up");
    expect(elements[0]?.text).toContain("clinic's"); // the apostrophe survives escaping
  });

  it("subscriptionInactive dials the clinic when there is a transfer number, else apologises and hangs up", () => {
    const withTransfer = verbs(subscriptionInactive("+12125550199"));
    expect(names(withTransfer)).toEqual(["Say", "Say", "Say", "Say", "Dial"]);
    expect(withTransfer.at(-1)).toMatchObject({ text: "+12125550199", attributes: { timeout: "25" } });

    const without = verbs(subscriptionInactive());
    expect(names(without)).toEqual(["Say", "Say", "Say", "Say", "Hangup"]);
    expect(names(without)).not.toContain("Dial");
  });

  it("vapiUnavailable transfers to the clinic when there is a transfer number", () => {
    const elements = verbs(vapiUnavailable("+12125550199"));
    expect(names(elements)).toEqual(["Say", "Say", "Dial"]);
    expect(elements[2]?.text).toBe("+12125550199");
  });

  it("vapiUnavailable otherwise apologises and records a bounded message to the voicemail action", () => {
    const elements = verbs(vapiUnavailable());
    expect(names(elements)).toEqual(["Say", "Say", "Record", "Say", "Say", "Hangup"]);
    const record = elements[2];
    expect(record?.attributes).toMatchObject({
      action: VOICEMAIL_ACTION_PATH,
      method: "POST",
      maxLength: "120",
      finishOnKey: "#",
      playBeep: "true",
      transcribe: "true",
      transcribeCallback: TRANSCRIPTION_CALLBACK_PATH,
    });
    expect(spoken(elements)[0]?.text).toMatch(/sorry/i);
    expect(spoken(elements)[1]?.text).toMatch(/Извините/);
  });

  it("escapes a hostile transfer number instead of breaking the document", () => {
    const elements = verbs(vapiUnavailable('+1212<Hangup/>&"'));
    expect(elements.at(-1)?.text).toBe('+1212<Hangup/>&"');
  });
});
