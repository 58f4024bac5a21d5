/**
 * ID numbers (18 or legacy 15 digits) and mobile numbers where they occur inside free text: an
 * error message, an event's title. Used to redact logs and to mask what public screens show.
 */
export const ID_NUMBER_IN_TEXT = /(?<![0-9])[1-9][0-9]{5}(?:18|19|20)?[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx]?(?![0-9])/g;
export const PHONE_IN_TEXT = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;
