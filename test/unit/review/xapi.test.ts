import { describe, expect, it } from 'vitest';
import { uuidV5 } from '../../../server/review/xapi.js';

describe('UUID version 5 statement ids', () => {
  it.each([
    // Python's uuid.uuid5(uuid.NAMESPACE_DNS, name) gives the same.
    { name: 'www.example.com', namespace: '6ba7b810-9dad-11d1-80b4-00c04fd430c8', id: '2ed6657d-e927-568b-95e1-2665a8aea6a2' },
    { name: 'python.org', namespace: '6ba7b810-9dad-11d1-80b4-00c04fd430c8', id: '886313e1-3b8a-5372-9b90-0c9aee199e5d' },
  ])('$name → $id', ({ name, namespace, id }) => {
    expect(uuidV5(name, namespace)).toBe(id);
  });
});
