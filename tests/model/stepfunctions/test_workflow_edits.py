"""Workflow editor operations on ASL definitions: insert, delete, rename, connect, rules, branches."""

from __future__ import annotations

import copy
import json

import pytest

from model.stepfunctions import check_structure
from model.stepfunctions.edits import (
    EditError,
    add_branch,
    add_choice_rule,
    add_state,
    connect,
    delete_state,
    insert_state,
    move_branch,
    move_choice_rule,
    rename_state,
    replace_state,
    set_state_field,
)
from model.stepfunctions.graph import START, build_graph, marker

LAMBDA = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "x-custom": {"k": 1}}


def chain() -> dict:
    return {
        "Comment": "keep me",
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Next": "B", "x-note": "unknown key"},
            "B": {"Type": "Pass", "End": True},
        },
        "x-top": [1, 2],
    }


def test_insert_on_arrow_rewires_next_and_keeps_unknown_keys() -> None:
    before = chain()
    frozen = copy.deepcopy(before)
    after = insert_state(before, ("A",), "Next", "Call", LAMBDA)
    assert before == frozen
    assert after["States"]["A"]["Next"] == "Call"
    assert after["States"]["Call"]["Next"] == "B"
    assert after["States"]["Call"]["x-custom"] == {"k": 1}
    assert after["States"]["A"]["x-note"] == "unknown key"
    assert after["x-top"] == [1, 2] and list(after)[:3] == ["Comment", "StartAt", "States"]


def test_insert_on_start_and_end_arrows() -> None:
    first = insert_state(chain(), marker((), START), "StartAt", "First", {"Type": "Pass"})
    assert first["StartAt"] == "First" and first["States"]["First"]["Next"] == "A"
    last = insert_state(chain(), ("B",), "End", "Last", {"Type": "Pass"})
    assert last["States"]["B"]["Next"] == "Last" and "End" not in last["States"]["B"]
    assert last["States"]["Last"]["End"] is True
    with pytest.raises(EditError):
        insert_state({"StartAt": "S", "States": {"S": {"Type": "Succeed"}}}, ("S",), "End", "X", {})


def test_insert_choice_sends_rule_and_default_onwards() -> None:
    choice = {"Type": "Choice", "Choices": [{"Variable": "$.v", "IsPresent": True}]}
    after = insert_state(chain(), ("A",), "Next", "Check", choice)
    assert after["States"]["Check"]["Choices"][0]["Next"] == "B"
    assert after["States"]["Check"]["Default"] == "B"


def test_add_state_to_empty_definition_starts_it() -> None:
    after = add_state(None, (), "Only", {"Type": "Pass"})
    assert after == {"StartAt": "Only", "States": {"Only": {"Type": "Pass", "End": True}}}
    with pytest.raises(EditError, match="already"):
        add_state(after, (), "Only", {"Type": "Pass"})


def test_delete_reconnects_predecessor_to_successor() -> None:
    three = insert_state(chain(), ("A",), "Next", "Mid", {"Type": "Pass"})
    after = delete_state(three, ("Mid",))
    assert after == chain()


def test_delete_terminal_ends_predecessors_and_drops_rules_to_it() -> None:
    definition = {
        "StartAt": "C",
        "States": {
            "C": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.a", "IsPresent": True, "Next": "Gone"}],
                "Default": "Keep",
            },
            "Gone": {"Type": "Fail"},
            "Keep": {"Type": "Pass", "Next": "Gone"},
        },
    }
    after = delete_state(definition, ("Gone",))
    assert after["States"]["C"]["Choices"] == []
    assert after["States"]["Keep"] == {"Type": "Pass", "End": True}


def test_delete_start_state_moves_start_at() -> None:
    assert delete_state(chain(), ("A",))["StartAt"] == "B"


def test_rename_follows_every_reference() -> None:
    definition = {
        "StartAt": "A",
        "States": {
            "A": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Next": "C",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}],
            },
            "C": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.x", "BooleanEquals": True, "Next": "A"}],
                "Default": "A",
            },
        },
    }
    after = rename_state(definition, ("A",), "Alpha")
    text = json.dumps(after)
    assert '"A"' not in text
    assert list(after["States"]) == ["Alpha", "C"]
    assert after["StartAt"] == "Alpha"
    assert after["States"]["C"]["Default"] == "Alpha"
    assert after["States"]["C"]["Choices"][0]["Next"] == "Alpha"
    renamed_c = rename_state(definition, ("C",), "Check")
    assert renamed_c["States"]["A"]["Catch"][0]["Next"] == "Check"
    with pytest.raises(EditError):
        rename_state(definition, ("A",), "C")


def test_rename_inside_a_branch() -> None:
    definition = {
        "StartAt": "P",
        "States": {
            "P": {
                "Type": "Parallel",
                "End": True,
                "Branches": [
                    {
                        "StartAt": "X",
                        "States": {
                            "X": {"Type": "Pass", "Next": "Y"},
                            "Y": {"Type": "Pass", "End": True},
                        },
                    }
                ],
            }
        },
    }
    after = rename_state(definition, ("P", "Branches[0]", "Y"), "Why")
    branch = after["States"]["P"]["Branches"][0]
    assert branch["States"]["X"]["Next"] == "Why" and "Why" in branch["States"]


def test_choice_rules_and_parallel_branches_are_added_and_reordered() -> None:
    definition = {
        "StartAt": "C",
        "States": {
            "C": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.a", "IsPresent": True, "Next": "P"}],
                "Default": "P",
            },
            "P": {
                "Type": "Parallel",
                "End": True,
                "Branches": [{"StartAt": "One", "States": {"One": {"Type": "Pass", "End": True}}}],
            },
        },
    }
    two_rules = add_choice_rule(definition, ("C",))
    assert len(two_rules["States"]["C"]["Choices"]) == 2
    swapped = move_choice_rule(two_rules, ("C",), 0, 1)
    assert swapped["States"]["C"]["Choices"][1]["Variable"] == "$.a"
    two_branches = add_branch(definition, ("P",))
    assert len(two_branches["States"]["P"]["Branches"]) == 2
    assert check_structure(two_branches) == []
    moved = move_branch(two_branches, ("P",), 1, -1)
    assert moved["States"]["P"]["Branches"][1]["StartAt"] == "One"
    with pytest.raises(EditError):
        add_choice_rule(definition, ("P",))


def test_connect_sets_next_or_adds_default() -> None:
    definition = add_state(chain(), (), "Loose", {"Type": "Pass"})
    after = connect(definition, ("B",), ("Loose",))
    assert after["States"]["B"] == {"Type": "Pass", "Next": "Loose"}
    with pytest.raises(EditError):
        connect(
            {"StartAt": "F", "States": {"F": {"Type": "Fail"}, "G": {"Type": "Pass", "End": True}}},
            ("F",),
            ("G",),
        )


def test_graph_labels_conditions_catches_and_retries() -> None:
    definition = {
        "StartAt": "T",
        "States": {
            "T": {
                "Type": "Task",
                "Resource": "arn:aws:states:::ecs:runTask.sync",
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 4, "BackoffRate": 1.5}],
                "Catch": [{"ErrorEquals": ["States.Timeout", "Custom"], "Next": "C"}],
                "Next": "C",
            },
            "C": {
                "Type": "Choice",
                "Choices": [
                    {
                        "Or": [
                            {"Variable": "$.n", "NumericLessThan": 2},
                            {"Not": {"Variable": "$.s", "StringEquals": "ok"}},
                        ],
                        "Next": "T",
                    }
                ],
                "Default": "D",
            },
            "D": {"Type": "Succeed"},
        },
    }
    graph = build_graph(definition)
    task = graph.states[("T",)]
    assert task.integration is not None and task.integration.service == "ecs"
    assert task.express_forbidden and task.retry == "Retry 4× ×1.5"
    labels = {t.field: t.label for t in graph.transitions}
    assert labels["Catch[0].Next"] == "Catch States.Timeout, Custom"
    assert labels["Choices[0].Next"] == '$.n < 2 or not ($.s == "ok")'
    jsonata = build_graph(
        {
            "QueryLanguage": "JSONata",
            "StartAt": "C",
            "States": {
                "C": {
                    "Type": "Choice",
                    "Choices": [{"Condition": "{% $states.input.n > 3 %}", "Next": "E"}],
                    "Default": "E",
                },
                "E": {"Type": "Succeed"},
            },
        }
    )
    assert {t.label for t in jsonata.transitions} >= {"$states.input.n > 3"}


def test_form_edits_share_untouched_states_and_leave_the_input_alone() -> None:
    inner = {"Type": "Pass", "End": True}
    definition = {
        "StartAt": "Fan",
        "States": {
            "Fan": {
                "Type": "Parallel",
                "Branches": [
                    {"StartAt": "A", "States": {"A": inner, "B": {"Type": "Pass", "End": True}}},
                    {"StartAt": "C", "States": {"C": {"Type": "Pass", "End": True}}},
                ],
                "Next": "Done",
            },
            "Done": {"Type": "Succeed", "Retry": []},
        },
    }
    before = copy.deepcopy(definition)
    edited = set_state_field(definition, ("Fan", "Branches[0]", "A"), "Comment", "x")
    assert definition == before
    fan = edited["States"]["Fan"]
    assert fan["Branches"][0]["States"]["A"] == {**inner, "Comment": "x"}
    assert (
        fan["Branches"][0]["States"]["B"]
        is definition["States"]["Fan"]["Branches"][0]["States"]["B"]
    )
    assert fan["Branches"][1] is definition["States"]["Fan"]["Branches"][1]
    assert edited["States"]["Done"] is definition["States"]["Done"]
    replaced = replace_state(edited, ("Done",), {"Type": "Succeed"})
    assert edited["States"]["Done"] == {"Type": "Succeed", "Retry": []}
    assert replaced["States"]["Fan"] is fan
    old = build_graph(definition)
    new = build_graph(edited, old)
    assert new == build_graph(edited)
    assert new.states[("Done",)] is old.states[("Done",)]
    assert new.states[("Fan", "Branches[0]", "A")] is not old.states[("Fan", "Branches[0]", "A")]
    assert new.states[("Fan", "Branches[0]", "A")].state["Comment"] == "x"
