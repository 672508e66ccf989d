"""The article's calls (contract section 9), made with the article's own PowerClerk class,
imported unchanged from ../shared/reference. Run by tests/article.rs with the environment
pointing at the simulator; exits non-zero on any failure (the class raises on non-2xx)."""
import os
import sys

sys.path.insert(0, os.environ["ARTICLE_CLIENT_DIR"])
from article_client import PowerClerk  # noqa: E402

pc = PowerClerk()

PROGRAM_ID = 'M5JGHPZK7GFC'
PROJECT_NUMBER = 'INTG-00256'
FORM_ID = 'TECHNICAL_REVIEW'

response = pc.get(f'/Programs/{PROGRAM_ID}/Projects/{PROJECT_NUMBER}/Forms/{FORM_ID}/Data')
print(response.json())

hca_result = {'DataFieldId': 'HCA_RESULTS', 'Value': 'Pass'}
hca_engineer = {'DataFieldId': 'HCA_ENGINEER', 'Value': 'Python powered!'}
new_project_data = {'Project': {'DataFields': [hca_result, hca_engineer]}}
response = pc.post(f'/Programs/{PROGRAM_ID}/Projects/{PROJECT_NUMBER}/Forms/{FORM_ID}/Draft/Data', json=new_project_data)
print(response.json())
assert response.json()['Project']['CanSubmit'] is True

response = pc.post(f'/Programs/{PROGRAM_ID}/Projects/{PROJECT_NUMBER}/Forms/{FORM_ID}/Draft/Submit')
print(response.json())
assert response.json()['Project']['CurrentStatus']['Name'] == 'Inspection Pending'

ATTACHMENT_ID = 'SINGLE_LINE_DIAGRAM'
response = pc.get(f'/Programs/{PROGRAM_ID}/Projects/{PROJECT_NUMBER}/Forms/{FORM_ID}/Attachments/{ATTACHMENT_ID}/Download')
print(f'Downloaded {len(response.content)} byte attachment')
filename = response.headers['Content-Disposition'].split('"')[1]
with open(filename, "wb") as f:
    f.write(response.content)
assert response.content.startswith(b'%PDF')

FILENAME = 'single_line_diagram.pdf'
with open(FILENAME, "rb") as f:
    attachment = f.read()
headers = {
    'Content-Type': 'application/pdf',
    'Content-Disposition': f'attachment; filename="{FILENAME}"'
}
response = pc.post(
    f'/Programs/{PROGRAM_ID}/Projects/{PROJECT_NUMBER}/Forms/{FORM_ID}/Draft/Attachments/{ATTACHMENT_ID}/Upload',
    headers=headers,
    data=attachment)
print(response.json())
assert response.json()['Attachment']['FileName'] == FILENAME
print('ARTICLE CALLS OK')
