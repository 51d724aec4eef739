import { describe, expect, it } from 'vitest';
import { noticeBodyText, sanitizeNoticeBody } from './notice-body.rules';
import { urgentNoticeMail } from './notice-mail.rules';

describe('notice body sanitising', () => {
  it('drops <script> with its content', () => {
    const out = sanitizeNoticeBody('<p>停电通知</p><script>alert(document.cookie)</script>');
    expect(out).toBe('<p>停电通知</p>');
  });

  it('drops event handlers such as onerror= (and the img itself)', () => {
    const out = sanitizeNoticeBody('<p onclick="steal()">文字</p><img src=x onerror="alert(1)">');
    expect(out).toBe('<p>文字</p>');
    expect(out).not.toMatch(/onerror|onclick|<img/i);
  });

  it('removes javascript: links and keeps http(s) links, opened safely', () => {
    const bad = sanitizeNoticeBody('<a href="javascript:alert(1)">点这里</a>');
    expect(bad).not.toContain('javascript:');
    expect(sanitizeNoticeBody('<a href="JaVaScRiPt:alert(1)">x</a>')).not.toMatch(/javascript/i);
    expect(sanitizeNoticeBody('<a href="https://kefu.example.cn/a">说明</a>')).toBe(
      '<a href="https://kefu.example.cn/a" target="_blank" rel="noopener noreferrer nofollow">说明</a>',
    );
  });

  it('keeps basic formatting, drops styles and unknown tags', () => {
    expect(
      sanitizeNoticeBody('<p style="color:red"><strong>重要</strong> <em>提示</em></p><iframe src="x"></iframe>'),
    ).toBe('<p><strong>重要</strong> <em>提示</em></p>');
    expect(sanitizeNoticeBody('<ul><li>一</li><li>二</li></ul>')).toBe('<ul><li>一</li><li>二</li></ul>');
  });

  it('the mail carries the body as plain text', () => {
    expect(noticeBodyText('<p>第一段</p><p>A &amp; B</p>')).toBe('第一段\nA & B');
    const mail = urgentNoticeMail({
      title: '系统停机',
      body: '<p>今晚停机</p>',
      url: 'http://kefu.test/portal/notices',
    });
    expect(mail.subject).toBe('【紧急公告】系统停机');
    expect(mail.text).toContain('今晚停机');
    expect(mail.text).toContain('http://kefu.test/portal/notices');
  });
});
