"""The states browser of the workflow tab: flow states and the common task integrations, each
a template state that a drop inserts (as Workflow Studio's states browser offers them)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QMimeData, QSize, Qt
from PySide6.QtGui import QDrag, QIcon
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.canvas import style
from app.workflow.items import ICONS
from model.catalog import Icon

MIME_STATE = "application/x-archcanvas-state"
MIME_NODE = "application/x-archcanvas-design-node"
"""A node of the design dragged from the browser: dropped on a Task it binds the Task."""
DESIGN_GROUP = "From the design"


@dataclass(frozen=True)
class StateTemplate:
    key: str
    title: str
    group: str
    name: str
    """Base of the new state's name (made unique on insert)."""
    state: dict[str, Any]
    icon: str = ""

    def state_for(self, query_language: str) -> dict[str, Any]:
        """The template in the workflow's query language (JSONata uses Arguments)."""
        state = copy.deepcopy(self.state)
        if query_language == "JSONata" and "Parameters" in state:
            arguments = {k.removesuffix(".$"): v for k, v in state.pop("Parameters").items()}
            state["Arguments"] = arguments
        return state


def _task(resource: str, parameters: dict[str, Any] | None = None) -> dict[str, Any]:
    state: dict[str, Any] = {"Type": "Task", "Resource": resource}
    if parameters is not None:
        state["Parameters"] = parameters
    return state


ARN = "arn:aws:states:::"
TEMPLATES: tuple[StateTemplate, ...] = (
    StateTemplate("pass", "Pass", "Flow", "Pass", {"Type": "Pass"}),
    StateTemplate(
        "choice",
        "Choice",
        "Flow",
        "Choice",
        {"Type": "Choice", "Choices": [{"Variable": "$.value", "IsPresent": True}]},
    ),
    StateTemplate(
        "parallel",
        "Parallel",
        "Flow",
        "Parallel",
        {
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "{Branch 1}", "States": {"{Branch 1}": {"Type": "Pass", "End": True}}},
                {"StartAt": "{Branch 2}", "States": {"{Branch 2}": {"Type": "Pass", "End": True}}},
            ],
        },
    ),
    StateTemplate(
        "map",
        "Map",
        "Flow",
        "Map",
        {
            "Type": "Map",
            "ItemsPath": "$.items",
            "MaxConcurrency": 10,
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": "{Process item}",
                "States": {"{Process item}": {"Type": "Pass", "End": True}},
            },
        },
    ),
    StateTemplate("wait", "Wait", "Flow", "Wait", {"Type": "Wait", "Seconds": 5}),
    StateTemplate("succeed", "Success", "Flow", "Success", {"Type": "Succeed"}),
    StateTemplate("fail", "Fail", "Flow", "Fail", {"Type": "Fail", "Error": "Failed"}),
    StateTemplate(
        "lambda",
        "Lambda: Invoke",
        "Actions",
        "Lambda Invoke",
        _task(f"{ARN}lambda:invoke", {"FunctionName": "", "Payload.$": "$"})
        | {"TimeoutSeconds": 30},
        "lambda",
    ),
    StateTemplate(
        "sqs",
        "SQS: SendMessage",
        "Actions",
        "SQS SendMessage",
        _task(f"{ARN}sqs:sendMessage", {"QueueUrl": "", "MessageBody.$": "$"}),
        "sqs",
    ),
    StateTemplate(
        "sns",
        "SNS: Publish",
        "Actions",
        "SNS Publish",
        _task(f"{ARN}sns:publish", {"TopicArn": "", "Message.$": "$"}),
        "sns",
    ),
    StateTemplate(
        "dynamodb_get",
        "DynamoDB: GetItem",
        "Actions",
        "DynamoDB GetItem",
        _task(f"{ARN}dynamodb:getItem", {"TableName": "", "Key": {}}),
        "dynamodb",
    ),
    StateTemplate(
        "dynamodb_put",
        "DynamoDB: PutItem",
        "Actions",
        "DynamoDB PutItem",
        _task(f"{ARN}dynamodb:putItem", {"TableName": "", "Item": {}}),
        "dynamodb",
    ),
    StateTemplate(
        "dynamodb_update",
        "DynamoDB: UpdateItem",
        "Actions",
        "DynamoDB UpdateItem",
        _task(f"{ARN}dynamodb:updateItem", {"TableName": "", "Key": {}}),
        "dynamodb",
    ),
    StateTemplate(
        "ecs",
        "ECS: RunTask (.sync)",
        "Actions",
        "ECS RunTask",
        _task(
            f"{ARN}ecs:runTask.sync",
            {"LaunchType": "FARGATE", "Cluster": "", "TaskDefinition": ""},
        ),
        "ecs",
    ),
    StateTemplate(
        "batch",
        "Batch: SubmitJob (.sync)",
        "Actions",
        "Batch SubmitJob",
        _task(
            f"{ARN}batch:submitJob.sync", {"JobName": "job", "JobQueue": "", "JobDefinition": ""}
        ),
        "batch",
    ),
    StateTemplate(
        "start_execution",
        "Step Functions: StartExecution",
        "Actions",
        "StartExecution",
        _task(f"{ARN}states:startExecution.sync:2", {"StateMachineArn": "", "Input.$": "$"}),
        "stepfunctions",
    ),
    StateTemplate(
        "eventbridge",
        "EventBridge: PutEvents",
        "Actions",
        "EventBridge PutEvents",
        _task(
            f"{ARN}events:putEvents",
            {"Entries": [{"Source": "app", "DetailType": "event", "Detail.$": "$"}]},
        ),
        "eventbridge",
    ),
    StateTemplate(
        "bedrock",
        "Bedrock: InvokeModel",
        "Actions",
        "Bedrock InvokeModel",
        _task(f"{ARN}bedrock:invokeModel", {"ModelId": "", "Body": {}}),
        "bedrock",
    ),
    StateTemplate(
        "http",
        "HTTP task",
        "Actions",
        "Call HTTPS API",
        _task(
            f"{ARN}http:invoke",
            {"ApiEndpoint": "https://example.com", "Method": "GET", "Authentication": {}},
        ),
        "http",
    ),
    StateTemplate(
        "sdk",
        "AWS SDK task",
        "Actions",
        "SDK call",
        _task("arn:aws:states:::aws-sdk:s3:listBuckets", {}),
        "sdk",
    ),
)
BY_KEY = {template.key: template for template in TEMPLATES}
TEMPLATE_FOR_SERVICE = {
    "lambda": "lambda",
    "sqs": "sqs",
    "sns": "sns",
    "dynamodb": "dynamodb_put",
    "ecs": "ecs",
    "batch": "batch",
}
"""The palette entry a dropped design node becomes when it lands beside a Task."""


def nested_names(state: dict[str, Any]) -> list[str]:
    """The ``{placeholder}`` names a template's branches use, renamed uniquely on insert."""
    found: list[str] = []
    for branch in [*state.get("Branches", []), state.get("ItemProcessor")]:
        if isinstance(branch, dict):
            found.extend(n for n in branch.get("States", {}) if n.startswith("{"))
    return found


class StatesPalette(QListWidget):
    """Drag an entry onto an arrow, a branch or empty space; double-click adds after the
    selected state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workflowPalette")
        self.setDragEnabled(True)
        self.setIconSize(QSize(22, 22))
        self.setSpacing(1)
        group = ""
        for template in TEMPLATES:
            if template.group != group:
                group = template.group
                header = QListWidgetItem(group)
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                font = style.font(11, bold=True)
                header.setFont(font)
                self.addItem(header)
            item = QListWidgetItem(template.title)
            item.setData(Qt.ItemDataRole.UserRole, template.key)
            if template.icon:
                item.setIcon(QIcon(style.icon_pixmap(Icon(ICONS[template.icon]), 22)))
            self.addItem(item)
        self._fixed = self.count()
        self._design_nodes: list[tuple[str, str, Icon]] = []

    def set_design_nodes(self, nodes: list[tuple[str, str, Icon]]) -> None:
        """List the design's nodes a Task can call (id, label, icon) under their own heading,
        to be dropped on a Task (binding it) or on an arrow (a new Task calling the node)."""
        if nodes == self._design_nodes:
            return
        self._design_nodes = list(nodes)
        while self.count() > self._fixed:
            self.takeItem(self.count() - 1)
        if not nodes:
            return
        header = QListWidgetItem(DESIGN_GROUP)
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        header.setFont(style.font(11, bold=True))
        header.setToolTip("Drop on a Task to bind it, or on an arrow to add a Task calling it")
        self.addItem(header)
        for node_id, label, icon in nodes:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole + 1, node_id)
            item.setToolTip(f"{label} ({node_id}): drop on a Task to bind it")
            item.setIcon(QIcon(style.icon_pixmap(icon, 22)))
            self.addItem(item)

    def startDrag(self, supported: Qt.DropAction) -> None:  # noqa: N802 (Qt override)
        item = self.currentItem()
        if item is None:
            return
        node_id = item.data(Qt.ItemDataRole.UserRole + 1)
        key = item.data(Qt.ItemDataRole.UserRole)
        mime = QMimeData()
        if node_id:
            mime.setData(MIME_NODE, str(node_id).encode())
        elif key:
            mime.setData(MIME_STATE, str(key).encode())
        else:
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.CopyAction)


def instantiate(
    template: StateTemplate, definition: object, query_language: str
) -> tuple[str, dict[str, Any]]:
    """A unique name and the template's state, its branch states renamed to unique names."""
    from model.stepfunctions.edits import all_names

    taken = all_names(definition)

    def fresh(base: str) -> str:
        name, number = base, 2
        while name in taken:
            name, number = f"{base} {number}", number + 1
        taken.add(name)
        return name

    name = fresh(template.name)
    state = template.state_for(query_language)
    for branch in [*state.get("Branches", []), state.get("ItemProcessor")]:
        if not isinstance(branch, dict):
            continue
        renamed = {old: fresh(old.strip("{}")) for old in branch.get("States", {})}
        branch["States"] = {renamed[k]: v for k, v in branch["States"].items()}
        branch["StartAt"] = renamed.get(branch.get("StartAt", ""), branch.get("StartAt"))
    return name, state
