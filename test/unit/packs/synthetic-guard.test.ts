import { describe, expect, it } from 'vitest';
import { syntheticContentProblems } from '../../../server/packs/synthetic-guard.js';

describe('synthetic content guard', () => {
  it.each([
    ['a drama mobile', 'Call 07700 900123 after nine'],
    ['a drama mobile at the bottom of the range', '07700 900000'],
    ['a drama mobile at the top of the range', '07700900999'],
    ['a drama mobile with +44', '+44 7700 900461'],
    ['a drama mobile with +44 and no spaces', '+447700900461'],
    ['a drama London number', '020 7946 0123'],
    ['a drama London number with +44 (0)', '+44 (0)20 7946 0999'],
    ['a drama Leeds number', '0113 496 0000'],
    ['a drama Manchester number with hyphens', '0161-496-0999'],
    ['a drama Glasgow number', '0141 496 0555'],
    ['a drama number in brackets', '(0121) 496 0123'],
    ['a drama number in the fictional 01632 area', '01632 960441'],
    ['a drama number followed by a count', 'rang 07700 900123 12 times'],
    ['a date and a time', 'On 2024-05-07 at 09:05:00, 3 of 10 files'],
    ['a short number starting with 0', 'Category A: 0, Category B: 12'],
    ['an email on example.org', 'ceop-referrals@example.org'],
    ['an email on example.com', 'trev.haldane@example.com'],
    ['an email on a subdomain of example.net', 'duty@ppu.force.example.net'],
    ['a link on example.org', 'see https://www.example.org/guidance?page=2'],
    ['a bare www link on example.com', 'www.example.com'],
    ['a documentation IPv4 address', 'uploaded from 203.0.113.58.'],
    ['a documentation IPv6 address', 'from 2001:db8:4a1:17::23'],
    ['a NINO-like word in prose', 'AB12 is a reference, not a number'],
    ['Markdown emphasis and a link', 'Read **this** and [that](https://example.org/a)'],
    ['an angle bracket in prose', 'fewer than <5 images and age < 18'],
    ['HTML in a code span', 'the tag `<b>` is refused'],
  ])('accepts %s', (_name, text) => {
    expect(syntheticContentProblems(text)).toEqual([]);
  });

  it.each([
    ['a real-looking mobile', 'Call 07911 123456', '07911 123456', "Ofcom's drama range, e.g. 07700 900123"],
    ['a mobile just outside the drama range', '07700 901000', '07700 901000', 'drama range'],
    ['a mobile with +44', '+44 7911 123456', '+44 7911 123456', 'drama range'],
    ['a London number outside the range', '020 7946 1000', '020 7946 1000', 'drama range'],
    ['a London number with +44 (0)', '+44 (0)20 7123 4567', '+44 (0)20 7123 4567', 'drama range'],
    ['a city number off the 496 exchange', '0113 497 0000', '0113 497 0000', 'drama range'],
    ['a city code not in the list', '0191 496 0000', '0191 496 0000', 'drama range'],
    ['a landline written without spaces', '01234567890', '01234567890', 'drama range'],
    ['a ten-digit number', '01234 56789', '01234 56789', 'drama range'],
    ['a real number after a drama number', '07700 900123 or 07911 123456', '07911 123456', 'drama range'],
    ['an email on a real domain', 'write to j.smith@gmail.com', 'j.smith@gmail.com', 'j.smith@example.org'],
    ['an email on a look-alike domain', 'a@example.org.uk', 'a@example.org.uk', 'example.org'],
    ['an email on a domain ending in example.com', 'a@notexample.com', 'a@notexample.com', 'example.com'],
    ['a link to a real site', 'see https://www.gov.uk/guidance', 'https://www.gov.uk', 'https://www.example.org/page'],
    ['a bare www link to a real site', 'www.bbc.co.uk', 'www.bbc.co.uk', 'https://www.example.org/page'],
    ['a link with credentials on a real host', 'http://user@evil.test/', 'http://user@evil.test', 'example.org'],
    ['a public IPv4 address', 'from 8.8.8.8', '8.8.8.8', '203.0.113.x'],
    ['a public IPv6 address', 'from 2a00:1450::200e', '2a00:1450::200e', '2001:db8'],
    ['an NI number', 'NI number AB123456C', 'AB123456C', 'NI number on file'],
    ['an NI number with spaces', 'QQ 12 34 56 D', 'QQ 12 34 56 D', 'NI number on file'],
    ['an NI number in lower case', 'ab 123456 a', 'ab 123456 a', 'NI number on file'],
    ['raw HTML', 'Hello <b>there</b>', '<b>', 'write Markdown instead'],
    ['an HTML block', '<div>\nhi\n</div>', '<div>', 'write Markdown instead'],
    ['an HTML comment', '<!-- hidden -->', '<!--', 'write Markdown instead'],
    ['an image', 'See ![the suspect](suspect.jpg)', 'suspect.jpg', 'describe in words'],
    ['an image on an example host', '![x](https://example.org/x.png)', 'x.png', 'describe in words'],
    ['a data: URI', 'link [x](data:image/png;base64,iVBORw0KGgo=)', 'data:image/png', 'text only'],
  ])('refuses %s', (_name, text, quoted, advice) => {
    const problems = syntheticContentProblems(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((message) => message.includes(quoted) && message.includes(advice))).toBe(true);
  });
});
