import { accountWords, passwordWeakness } from './password-strength';

describe('password strength (zxcvbn, minimum score 3)', () => {
  const userInputs = accountWords('hr@xinghe.example', '王敏', '星河电商', 'xinghe');

  it.each(['          ', '1234567890', 'password12', 'hr@xinghe.example', 'xinghe2026', 'qwertyuiop'])('refuses %j, saying why and what to do', (password) => {
    const reason = passwordWeakness({ password, userInputs });
    expect(reason).toMatch(/^too easy to guess \(strength [0-2] of 4, at least 3 needed\): .+\. .+\.$/);
  });

  it('names a password made of the account itself', () => {
    expect(passwordWeakness({ password: 'hr@xinghe.example', userInputs })).toContain('personal');
  });

  it.each(['correct horse battery', 'a staff passphrase 42', '星河电商客服2026测评', 'xK9#mQ2$vL7!pR4w'])('accepts %j', (password) => {
    expect(passwordWeakness({ password, userInputs })).toBeNull();
  });

  it('takes the words of emails and names apart', () => {
    expect(accountWords('li.na+hr@xinghe-tech.cn', null, 'Xinghe Tech')).toEqual(
      expect.arrayContaining(['li.na+hr@xinghe-tech.cn', 'xinghe', 'tech', 'xinghe tech']),
    );
  });
});
