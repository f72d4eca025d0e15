export default function BankArea() { return null; }
