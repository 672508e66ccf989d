//! GetPrograms, GetForms and GetFormSchema (contract D5–D7), with the D7 fallback.

use serde::Deserialize;

use crate::call::Call;
use crate::client::Client;
use crate::decisions;
use crate::endpoints::FormRef;
use crate::error::{Error, Result};
use crate::models::{
    AttachmentDefinition, DataVersion, FieldDefinition, FieldType, Form, FormSchema, Program,
    SchemaSource,
};
use crate::paths::ApiPath;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ProgramsResponse {
    #[serde(default)]
    programs: Option<Vec<Program>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct FormsResponse {
    #[serde(default)]
    forms: Option<Vec<Form>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SchemaResponse {
    form: FormSchema,
}

impl Client {
    /// The programs the caller can see (D5).
    pub async fn programs(&self) -> Result<Vec<Program>> {
        let r: ProgramsResponse = self
            .send_json(&Call::get(ApiPath::root("Programs"), "any program"))
            .await?;
        Ok(r.programs.unwrap_or_default())
    }

    /// The forms of a program (D6).
    pub async fn forms(&self, program: &str) -> Result<Vec<Form>> {
        let path = ApiPath::program(program)?.lit("Forms");
        let r: FormsResponse = self
            .send_json(&Call::get(path, format!("program {program}")))
            .await?;
        Ok(r.forms.unwrap_or_default())
    }

    /// The fields and attachment definitions of a form (D7).
    pub async fn form_schema(&self, program: &str, form: &str) -> Result<FormSchema> {
        let path = ApiPath::program(program)?
            .lit("Forms")
            .id("form", form)?
            .lit("Schema");
        let r: SchemaResponse = self
            .send_json(&Call::get(path, format!("form {form}")))
            .await?;
        self.inner.dialect.note_schema(&r.form);
        Ok(r.form)
    }

    /// The form's schema; where the server has no schema endpoint (404/405, D7), one built
    /// from the project's data in which every field is text.
    pub async fn form_schema_or_infer(&self, form: &FormRef) -> Result<FormSchema> {
        match self.form_schema(&form.program, &form.form).await {
            Err(e)
                if e.status()
                    .is_some_and(|s| decisions::SCHEMA_UNAVAILABLE_STATUSES.contains(&s)) =>
            {
                let data = self.project_data(form, DataVersion::Draft).await?;
                Ok(FormSchema {
                    form_id: form.form.clone(),
                    custom_id: None,
                    name: form.form.clone(),
                    data_fields: data
                        .data_fields
                        .iter()
                        .map(|f| FieldDefinition {
                            data_field_id: f.data_field_id.clone(),
                            custom_id: f.custom_id.clone(),
                            name: f.name.clone().unwrap_or_else(|| f.data_field_id.clone()),
                            r#type: FieldType::Text,
                            required: false,
                            choices: None,
                            repeating: f.values.is_some(),
                        })
                        .collect(),
                    attachments: data
                        .attachments
                        .iter()
                        .map(|a| AttachmentDefinition {
                            attachment_id: a.attachment_id.clone(),
                            custom_id: a.custom_id.clone(),
                            name: a.name.clone().unwrap_or_else(|| a.attachment_id.clone()),
                            required: false,
                            allowed_extensions: Vec::new(),
                        })
                        .collect(),
                    source: SchemaSource::InferredFromProjectData,
                })
            }
            other => other,
        }
    }

    /// Finds a form of `program` by generated id, custom id or (case-insensitive) name.
    pub async fn find_form(&self, program: &str, form: &str) -> Result<Form> {
        let forms = self.forms(program).await?;
        forms
            .iter()
            .find(|f| f.is(form))
            .or_else(|| forms.iter().find(|f| f.name.eq_ignore_ascii_case(form)))
            .cloned()
            .ok_or_else(|| Error::NotFound {
                what: format!("the form \"{form}\""),
                details: Default::default(),
            })
    }
}
