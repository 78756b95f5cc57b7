import { describe, expect, it } from "vitest";
import { luhnValid, maxCounts, redactJson, redactText, snilsValid } from "@/server/privacy/redact";

describe("redactText: cards", () => {
  it.each([
    ["My card is 4242 4242 4242 4242, thanks.", "My card is [card number], thanks."],
    ["card 4242-4242-4242-4242 exp 12/28", "card [card number] exp 12/28"],
    ["4111111111111111", "[card number]"],
    ["Номер карты 5555 5555 5555 4444.", "Номер карты [card number]."],
  ])("%s", (input, output) => {
    const r = redactText(input);
    expect(r.text).toBe(output);
    expect(r.counts).toEqual({ card: 1 });
  });

  it("spoken digit by digit in English and Russian", () => {
    const en = redactText("it's four two four two, four two four two four two four two four two four two. Thanks");
    expect(en.text).toBe("it's [card number]. Thanks");
    expect(en.counts).toEqual({ card: 1 });
    const ru = redactText("карта четыре два четыре два четыре два четыре два четыре два четыре два четыре два четыре два, спасибо");
    expect(ru.text).toBe("карта [card number], спасибо");
  });

  it("leaves a 16-digit run failing Luhn, and phone numbers with +", () => {
    expect(redactText("4242 4242 4242 4241").counts).toEqual({});
    expect(redactText("Caller +1 415 555 0123 or +7 912 345-67-89, +44 7911 123456").counts).toEqual({});
  });
});

describe("redactText: national ids", () => {
  it("US SSN written 3-2-4 and after 'social security'", () => {
    expect(redactText("SSN 123-45-6789.").text).toBe("SSN [id number].");
    expect(redactText("my social security number is one two three four five six seven eight nine").text).toBe(
      "my social security number is [id number]",
    );
    expect(redactText("area 000-12-3456 is not an SSN").counts).toEqual({});
  });

  it("Russian SNILS (checked) and passport after its keyword", () => {
    expect(snilsValid("11223344595")).toBe(true);
    expect(redactText("СНИЛС 112-233-445 95").text).toBe("СНИЛС [id number]");
    expect(redactText("номер 112-233-445 95 записан").text).toBe("номер [id number] записан");
    expect(redactText("112-233-445 96").counts).toEqual({});
    expect(redactText("паспорт серия 45 10 номер 123456").text).toBe("паспорт серия [id number]");
    expect(redactText("Паспорт: 4510 123456.").counts).toEqual({ national_id: 1 });
  });
});

describe("redactText: emails and dates of birth", () => {
  it("emails", () => {
    const r = redactText("Write to anna.petrova+clinic@mail.example.ru or JOHN@Example.COM");
    expect(r.text).toBe("Write to [email] or [email]");
    expect(r.counts).toEqual({ email: 2 });
  });

  it.each([
    ["I was born on March 7, 1985. I need a checkup", "I was born on [date of birth]. I need a checkup"],
    ["DOB: 07/03/1985", "DOB: [date of birth]"],
    ["date of birth is the seventh of March nineteen eighty five", "date of birth is [date of birth]"],
    ["Дата рождения 07.03.1985, записать на завтра", "Дата рождения [date of birth], записать на завтра"],
    ["Я родилась седьмого марта восемьдесят пятого года. Хочу записаться", "Я родилась [date of birth]. Хочу записаться"],
  ])("%s", (input, output) => {
    const r = redactText(input);
    expect(r.text).toBe(output);
    expect(r.counts).toEqual({ date_of_birth: 1 });
  });

  it("a birthplace is not a date", () => {
    expect(redactText("I was born in Moscow. Родился в Казани.").counts).toEqual({});
  });
});

describe("redactText: no false positives", () => {
  it.each([
    "Book me for 10:30 on 2026-12-07, please",
    "Can I come on December 7 at 14:00 or 15 30?",
    "Запишите меня на 7 декабря в 10:30, или 08.12.2026 в 9 утра",
    "Call me back at 415-555-0123 or 8 912 345 67 89",
    "The caller id is 14155550123",
    "two or three people, one at nine",
    "Tuesday the 8th at four thirty",
    "Мне нужно два места на пять часов",
  ])("%s", (text) => {
    const r = redactText(text);
    expect(r.text).toBe(text);
    expect(r.counts).toEqual({});
  });
});

describe("redactJson and counts", () => {
  it("redacts strings at any depth and keeps other values", () => {
    const r = redactJson({ a: ["card 4242424242424242"], b: { email: "x@y.com", n: 4242424242424242, ok: true } });
    expect(r.value).toEqual({ a: ["card [card number]"], b: { email: "[email]", n: 4242424242424242, ok: true } });
    expect(r.counts).toEqual({ card: 1, email: 1 });
  });

  it("maxCounts takes the largest per kind", () => {
    expect(maxCounts({ card: 1 }, { card: 2, email: 1 }, {})).toEqual({ card: 2, email: 1 });
  });

  it("Luhn", () => {
    expect(luhnValid("4242424242424242")).toBe(true);
    expect(luhnValid("4242424242424241")).toBe(false);
  });
});
