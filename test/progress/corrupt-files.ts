/** Progress files the store must move aside (and that the first-frame peek must not trust). */
export const CORRUPT_PROGRESS_FILES: [string, Buffer][] = [
    ['garbage bytes', Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0x0a, 0xc3])],
    ['an empty file', Buffer.alloc(0)],
    ['half-written JSON', Buffer.from('{"version":1,"lessons":{"l":{"st')],
    ['a JSON array', Buffer.from('[1,2,3]')],
    ['JSON null', Buffer.from('null')],
    ['lessons of the wrong type', Buffer.from('{"version":1,"lessons":"all of them"}')],
    ['a future version', Buffer.from('{"version":2,"lessons":{}}')],
];
