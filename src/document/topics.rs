//! 局信息主题分类 (附录E): the topic table, shipped as data ([`OFFICIAL_TOPICS`], our reading of
//! the seed's table, SPEC §10) and replaceable by the agency's own file of the same shape.
//! Publication names the topic down to the second level (seed A.2: 明确局信息的主题分类至二级分类).

use serde::Deserialize;

use super::event::TopicRef;

/// The topic table shipped inside the binary (`src/document/topics.toml`).
pub const OFFICIAL_TOPICS: &str = include_str!("topics.toml");

/// One 一级分类 and its 二级分类.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// 一级分类.
    pub first: String,
    /// 二级分类 (empty when the 一级 has none).
    #[serde(default)]
    pub second: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    topic: Vec<Topic>,
}

/// A problem with a topic file or a topic named.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TopicError {
    /// The file cannot be read as a topic table.
    #[error("主题分类表 {file} 有误：{message}")]
    File {
        /// The file's name.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// No such 一级分类.
    #[error("“{0}”不是主题分类表中的一级分类")]
    UnknownFirst(String),
    /// The 一级 has 二级 entries and none was given (seed A.2: 主题分类至二级分类).
    #[error("一级分类“{first}”须选二级分类：{choices}")]
    SecondRequired {
        /// The 一级.
        first: String,
        /// Its 二级 entries, joined by “、”.
        choices: String,
    },
    /// The 二级 does not belong to that 一级.
    #[error("“{second}”不是一级分类“{first}”下的二级分类{hint}")]
    WrongSecond {
        /// The 一级.
        first: String,
        /// The 二级 given.
        second: String,
        /// Its choices, or that it has none.
        hint: String,
    },
}

/// The topic table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topics {
    topics: Vec<Topic>,
}

impl Topics {
    /// The table shipped with the program.
    ///
    /// # Panics
    /// Never in a released binary: the embedded file is checked by the test suite.
    pub fn official() -> Topics {
        Topics::parse("topics.toml（内置）", OFFICIAL_TOPICS)
            .expect("the embedded topics.toml is valid")
    }

    /// Reads a topic table (the shape of `topics.toml`): names non-empty, on one line, no 一级
    /// twice, no 二级 twice under one 一级.
    ///
    /// # Errors
    /// [`TopicError::File`] with what is wrong.
    pub fn parse(file: &str, text: &str) -> Result<Topics, TopicError> {
        let err = |message: String| TopicError::File {
            file: file.to_string(),
            message,
        };
        let f: File = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            });
            err(format!(
                "第 {line} 行：{}",
                crate::calendar::syntax::toml_message(e.message())
            ))
        })?;
        if f.topic.is_empty() {
            return Err(err("没有任何 [[topic]]".into()));
        }
        let bad = |s: &str| s.trim().is_empty() || s.trim() != s || s.chars().any(char::is_control);
        let mut firsts = std::collections::HashSet::new();
        for t in &f.topic {
            if bad(&t.first) {
                return Err(err(format!(
                    "一级分类名称“{}”为空或含空白、控制字符",
                    t.first
                )));
            }
            if !firsts.insert(t.first.as_str()) {
                return Err(err(format!("一级分类“{}”重复", t.first)));
            }
            let mut seconds = std::collections::HashSet::new();
            for s in &t.second {
                if bad(s) {
                    return Err(err(format!(
                        "“{}”下的二级分类名称“{s}”为空或含空白、控制字符",
                        t.first
                    )));
                }
                if !seconds.insert(s.as_str()) {
                    return Err(err(format!("“{}”下的二级分类“{s}”重复", t.first)));
                }
            }
        }
        Ok(Topics { topics: f.topic })
    }

    /// The topics, in the table's order.
    pub fn all(&self) -> &[Topic] {
        &self.topics
    }

    /// Position of a topic in the table (for ordering a catalogue by topic), `usize::MAX` when
    /// unknown.
    pub fn order(&self, t: &TopicRef) -> (usize, usize) {
        let Some((i, top)) = self
            .topics
            .iter()
            .enumerate()
            .find(|(_, x)| x.first == t.first)
        else {
            return (usize::MAX, usize::MAX);
        };
        let j = t
            .second
            .as_ref()
            .and_then(|s| top.second.iter().position(|x| x == s))
            .unwrap_or(usize::MAX);
        (i, j)
    }

    /// Checks a topic: the 一级 exists; when it has 二级 entries one of them is required; a 二级
    /// must belong to its 一级 (附录E; seed A.2).
    ///
    /// # Errors
    /// Which of these failed, with the choices.
    pub fn resolve(&self, first: &str, second: Option<&str>) -> Result<TopicRef, TopicError> {
        let (first, second) = (
            first.trim(),
            second.map(str::trim).filter(|s| !s.is_empty()),
        );
        let t = self
            .topics
            .iter()
            .find(|t| t.first == first)
            .ok_or_else(|| TopicError::UnknownFirst(first.to_string()))?;
        match second {
            None if t.second.is_empty() => Ok(TopicRef {
                first: first.to_string(),
                second: None,
            }),
            None => Err(TopicError::SecondRequired {
                first: first.to_string(),
                choices: t.second.join("、"),
            }),
            Some(s) if t.second.iter().any(|x| x == s) => Ok(TopicRef {
                first: first.to_string(),
                second: Some(s.to_string()),
            }),
            Some(s) => Err(TopicError::WrongSecond {
                first: first.to_string(),
                second: s.to_string(),
                hint: if t.second.is_empty() {
                    "（它没有二级分类）".to_string()
                } else {
                    format!("；可选：{}", t.second.join("、"))
                },
            }),
        }
    }
}
