/**
 * Card payments in the simulator: the Luhn check and the documented test cards.
 *
 * Test cards (any future expiry, any CVV):
 *   4111 1111 1111 1111  Visa        approved
 *   5555 5555 5555 4444  Mastercard  approved
 *   4000 0000 0000 0002  Visa        declined (card_declined)
 *   4000 0000 0000 9995  Visa        declined (insufficient_funds)
 * Any other number passing Luhn is approved; one failing Luhn is refused before the gateway.
 */

export function luhnValid(number: string): boolean {
  const digits = number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const TEST_CARDS = {
  approvedVisa: '4111111111111111',
  approvedMastercard: '5555555555554444',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
} as const;

/** The simulator's answer for a card: approved, or the decline reason. */
export function simulatedCardOutcome(number: string): 'approved' | 'card_declined' | 'insufficient_funds' {
  const digits = number.replace(/[\s-]/g, '');
  if (digits === TEST_CARDS.declined) return 'card_declined';
  if (digits === TEST_CARDS.insufficientFunds) return 'insufficient_funds';
  return 'approved';
}

export function cardBrand(number: string): string {
  const digits = number.replace(/[\s-]/g, '');
  if (digits.startsWith('4')) return 'visa';
  if (/^5[1-5]/.test(digits) || /^2[2-7]/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  return 'other';
}
