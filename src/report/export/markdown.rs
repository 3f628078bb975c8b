//! The readable form of an exported case file (`case.md`): the same facts as `case.json` in
//! Chinese, as Markdown that nothing in a description can break.

use super::*;

/// A table cell of Markdown: `|` escaped, line breaks as `<br>`, other control characters
/// shown as `\u{…}` so that nothing in a description can break the layout or a terminal.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out += "\\|",
            '\n' => out += "<br>",
            '\r' => {}
            c if c.is_control() => out += &format!("\\u{{{:x}}}", c as u32),
            c => out.push(c),
        }
    }
    out
}

/// A paragraph of Markdown: control characters other than line breaks made visible.
fn para(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => "  \n".to_string(),
            c if c.is_control() => format!("\\u{{{:x}}}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map_or("—".to_string(), |d| d.to_string())
}

fn date_view(d: &Option<DateView>) -> String {
    match d {
        Some(d) if d.provisional => format!("{}（临时）", d.date),
        Some(d) => d.date.to_string(),
        None => "—".to_string(),
    }
}

/// The readable Chinese form of a case file (Markdown).
pub fn markdown(f: &CaseFile) -> String {
    use std::fmt::Write as _;
    let v = &f.request;
    let ap = &v.applicant;
    let mut m = String::new();
    let _ = writeln!(m, "# 政府信息公开申请案卷 {}\n", f.case_no);
    if let Some(a) = &f.agency {
        let _ = writeln!(m, "- 机关：{}", cell(a));
    }
    let _ = writeln!(
        m,
        "- 导出时间：{}（{} 导出；期限按 {} 计算）",
        f.exported_at,
        cell(&f.exported_by),
        f.as_of
    );
    let _ = writeln!(
        m,
        "- 个人信息：{}",
        if f.personal_data == "revealed" {
            "完整显示（含证件号码、电话、地址）"
        } else {
            "已部分遮盖（证件号码、电话、邮箱、地址）"
        }
    );
    let _ = writeln!(m, "- 当前状态：{}\n", v.stage);

    let _ = writeln!(m, "## 一、申请情况\n\n| 项目 | 内容 |\n|---|---|");
    let mut row = |k: &str, val: String| {
        let _ = writeln!(m, "| {k} | {} |", cell(&val));
    };
    row("申请人", ap.name.clone());
    row("申请人类型", ap.type_label.clone());
    let o = |x: &Option<String>| x.clone().unwrap_or_else(|| "—".to_string());
    row(
        "身份证明",
        format!("{} {}", o(&ap.id_type), o(&ap.id_number)),
    );
    row("联系电话", o(&ap.phone));
    row("电子邮箱", o(&ap.email));
    row("通信地址", o(&ap.address));
    row("邮政编码", o(&ap.postcode));
    row("委托代理人", o(&ap.agent));
    if ap.agent.is_some() {
        row("代理人证件号码", o(&ap.agent_id_number));
        row("代理人联系电话", o(&ap.agent_phone));
    }
    row("申请方式", v.channel_label.clone());
    row("登记日期", v.registered_on.to_string());
    row("收到申请之日（条例第三十一条）", opt_date(v.received_on));
    row("申请内容", v.content.clone());
    row("提供形式", o(&v.form));
    row("获取方式", o(&v.delivery));
    row("来信邮件号", o(&v.tracking_no));

    let _ = writeln!(m, "\n## 二、期限及计算依据\n");
    for line in v.deadline_lines() {
        let _ = writeln!(m, "- {}", para(line.trim_start()));
    }
    let d = &f.deadlines;
    let _ = writeln!(
        m,
        "- 计时起点（第 0 日）：{}；答复期限 {} 个工作日",
        opt_date(d.clock_start),
        d.period_wd
    );
    if let Some(b) = d
        .reply_due_before_extension
        .filter(|_| v.extension_wd.is_some())
    {
        let _ = writeln!(
            m,
            "- 延期前的答复期限：{}{}",
            b.value,
            if b.provisional { "（临时）" } else { "" }
        );
    }
    for p in d.pauses.iter().filter(|p| !p.counted) {
        let _ = writeln!(m, "- 答复期限已过后开始、不中止计时：{}", para(&p.why));
    }
    for p in d.pauses.iter().filter(|p| p.counted) {
        let _ = writeln!(
            m,
            "- 不计算在内的期间：{} 之后至 {}（含）{}：{}",
            p.from,
            p.to,
            if p.open {
                "（尚未结束，所示为最晚日期）"
            } else {
                ""
            },
            para(&p.why)
        );
    }

    let l = &f.letters;
    let _ = writeln!(m, "\n## 三、文书\n");
    let mut any = false;
    if let Some(c) = &l.correction_notice {
        any = true;
        let _ = writeln!(m, "### 补正通知（条例第三十条）\n");
        let _ = writeln!(m, "- 发出日期：{}", c.notice_on);
        let _ = writeln!(m, "- 补正事项：{}", para(&c.items));
        let _ = writeln!(
            m,
            "- 补正期限：{} 个工作日，至 {}",
            c.period_wd,
            date_view(&c.deadline)
        );
        if let Some(s) = c.served_on {
            let _ = writeln!(m, "- 送达日期：{s}");
        }
        let _ = writeln!(m, "- 收到补正：{}", opt_date(c.received_on));
        if let Some(r) = &c.late_reason {
            let _ = writeln!(m, "- 逾期补正的正当理由（条例第三十条）：{}", para(r));
        }
        if let Some(x) = c.lapsed_on {
            let _ = writeln!(m, "- 逾期不补正办结：{x}");
        }
        m.push('\n');
    }
    if !l.consultations.is_empty() {
        any = true;
        let _ = writeln!(m, "### 征求意见函及答复\n");
        let _ = writeln!(
            m,
            "| 对象 | 类别 | 发函日期 | 答复期限 | 答复 | 答复日期 | 理由 |\n|---|---|---|---|---|---|---|"
        );
        for c in &l.consultations {
            let _ = writeln!(
                m,
                "| {} | {}（{}） | {} | {} | {} | {} | {} |",
                cell(&c.party),
                c.kind,
                c.article,
                c.sent_on,
                date_view(&Some(c.window_end.clone())),
                o(&c.answer),
                opt_date(c.answered_on),
                cell(&o(&c.reasons))
            );
        }
        m.push('\n');
    }
    if let Some(x) = &l.extension {
        any = true;
        let _ = writeln!(m, "### 延期答复（条例第三十三条第二款）\n");
        let _ = writeln!(
            m,
            "- 批准：{}，{}，延长 {} 个工作日",
            cell(&x.approver),
            x.approved_on,
            x.working_days
        );
        let _ = writeln!(m, "- 理由：{}", para(&x.reason));
        let _ = writeln!(m, "- 告知申请人：{}\n", x.notified_on);
    }
    if let Some(x) = &l.fee_notice {
        any = true;
        let _ = writeln!(m, "### 收费通知（国办函〔2020〕109号）\n");
        let _ = writeln!(
            m,
            "- 发出日期：{}；{} {}，{} 元",
            x.notice_on, x.method, x.count, x.amount_yuan
        );
        let _ = writeln!(
            m,
            "- 缴费期限：{}；缴费日期：{}\n",
            date_view(&x.deadline),
            opt_date(x.paid_on)
        );
    }
    if let Some(r) = &l.reply {
        any = true;
        let _ = writeln!(m, "### 答复书（条例第三十三条、第三十六条、第三十七条）\n");
        let _ = writeln!(m, "- 答复日期：{}", r.on);
        let _ = writeln!(m, "- 办理结果：{}", r.outcome_label);
        let _ = writeln!(m, "- 法律依据：{}", para(&o(&r.basis)));
        let _ = writeln!(m, "- 理由：{}", para(&o(&r.reasons)));
        if let Some(s) = &r.search_done {
            let _ = writeln!(m, "- 检索情况：{}", para(s));
        }
        if let Some(p) = &r.public_interest {
            let _ = writeln!(
                m,
                "- 第三方不同意公开，认为不公开可能对公共利益造成重大影响而决定公开（条例第三十二条）：{}",
                para(p)
            );
        }
        if let Some(a) = &r.competent_agency {
            let _ = writeln!(
                m,
                "- 负责公开的机关：{}（{}）",
                para(a),
                para(&o(&r.agency_contact))
            );
        }
        let _ = writeln!(
            m,
            "- 送达方式：{}{}",
            para(&r.delivery),
            r.tracking_no
                .as_deref()
                .map(|t| format!("（邮件号 {}）", para(t)))
                .unwrap_or_default()
        );
        if let Some(w) = r.late_working_days {
            let _ = writeln!(m, "- 逾期 {w} 个工作日答复");
        }
        let _ = writeln!(m, "- 救济途径告知：{}", r.remedy);
        match (r.served_on, r.reconsideration_until, r.lawsuit_until) {
            (Some(s), Some(rc), Some(l)) => {
                let _ = writeln!(
                    m,
                    "- 送达日期：{s}；申请行政复议至 {rc}（复议法第二十条），提起行政诉讼至 {l}（行政诉讼法第四十六条）"
                );
            }
            _ => {
                let _ = writeln!(m, "- 送达日期：未记录");
            }
        }
        m.push('\n');
    }
    if !any {
        let _ = writeln!(m, "（尚未记录任何文书）\n");
    }

    let _ = writeln!(m, "## 四、办理记录\n");
    let _ = writeln!(
        m,
        "| 序号 | 业务日期 | 事项 | 内容 | 经办人 | 记录时间 | seq | 哈希 |\n|---|---|---|---|---|---|---|---|"
    );
    for e in &f.events {
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} | {} | {} | {} | `{}` |",
            e.index,
            e.on,
            e.label,
            cell(&e.summary),
            cell(&e.by),
            cell(&e.recorded_at),
            e.seq,
            e.hash
        );
    }

    let _ = writeln!(m, "\n## 五、核验\n");
    let _ = writeln!(
        m,
        "登记簿把全部事件按记录顺序连成哈希链：每条事件的哈希由前一条事件的哈希和本条的内容算出，任何一条事后被改动、删除或插入，链就对不上。"
    );
    let _ = writeln!(m, "\n- 哈希算法：{HASH_RULE}");
    if let Some(h) = &f.chain.register_head {
        let _ = writeln!(
            m,
            "- 导出时登记簿的最新事件：seq {}，哈希 `{}`",
            h.seq, h.hash
        );
    }
    let _ = writeln!(
        m,
        "- 本目录的 manifest.json 记有 case.json、case.md 和 letters 文件夹中每份文书的 SHA-256（文书的即出具时记录的 SHA-256）及本案每条事件的哈希；SHA256SUMS 可用 `sha256sum -c SHA256SUMS` 核对。"
    );
    if f.personal_data != "revealed" {
        let _ = writeln!(
            m,
            "- 本导出的个人信息部分遮盖：载有申请人个人信息的文书（致申请人的文书及其送达回证）未复制，manifest.json 的 letters_left_out 列出其文号、日期和 SHA-256；需要原件时加 --reveal 重新导出。"
        );
    }
    let _ = writeln!(
        m,
        "- 用 `disclose verify --export 本目录` 核对文件未被改动，并与登记簿逐条核对事件哈希。"
    );
    m
}
