import { describe, expect, it } from 'vitest';
import { makeFragmentData } from '@/gql';
import {
  clientProblems,
  emptyContact,
  emptyContract,
  emptyCustomerValues,
  toCustomerInput,
  valuesFromCustomer,
} from './customer-form-values';
import { CustomerContactsAndContractsFragment } from './customer-operations';

describe('customer form values', () => {
  it('sends blanks as null so clearing a field clears it, and keeps child ids', () => {
    const values = emptyCustomerValues();
    values.name = '  华东精密机械有限公司 ';
    values.initialAuditFee = '¥12,800.5';
    values.contacts = [
      { ...emptyContact(), id: '6f1c7d52-3c55-4c1e-9d7e-2b1f0f1e9a10', name: '王经理', isPrimary: true },
    ];
    values.contracts = [{ ...emptyContract(), contractNo: 'HT-1', amount: '50000' }];
    const input = toCustomerInput(values);
    expect(input).toMatchObject({
      name: '华东精密机械有限公司',
      contractNo: null,
      auditDate: null,
      initialAuditFee: '12800.5',
      surveillanceAuditFee: null,
      status: 'ACTIVE',
      creditStanding: 'GOOD',
      source: null,
      ownerId: null,
    });
    // The grade comes only from evaluations and overrides (customer-grading), never from the form.
    expect(input).not.toHaveProperty('grade');
    expect(input.contacts).toEqual([
      {
        id: '6f1c7d52-3c55-4c1e-9d7e-2b1f0f1e9a10',
        name: '王经理',
        title: null,
        phone: null,
        mobile: null,
        email: null,
        isPrimary: true,
      },
    ]);
    expect(input.contracts).toEqual([
      { contractNo: 'HT-1', title: null, amount: '50000', signedAt: null, startsAt: null, endsAt: null },
    ]);
  });

  it('round-trips a loaded customer', () => {
    const values = valuesFromCustomer(
      {
        id: 'c1',
        version: 3,
        archivedAt: null,
        name: '客户',
        contractNo: 'A-1',
        certificateNo: null,
        applicationAcceptedAt: '2026-01-02',
        auditDate: null,
        initialAuditFee: '100.00',
        surveillanceAuditFee: null,
        plannedSurveillanceDate: null,
        implementationDate: null,
        status: 'SUSPENDED',
        province: '上海',
        address: null,
        postcode: null,
        contactPerson: null,
        phone: null,
        professionalCode: null,
        certificationScope: null,
        legalRepresentative: null,
        handler: null,
        businessCondition: null,
        businessLines: null,
        creditStanding: 'FAIR',
        industry: null,
        source: 'REFERRAL',
        ...makeFragmentData(
          {
            contacts: [],
            contracts: [
              {
                id: 'k1',
                contractNo: 'HT-9',
                title: null,
                amount: '1.50',
                signedAt: null,
                startsAt: null,
                endsAt: null,
              },
            ],
          },
          CustomerContactsAndContractsFragment,
        ),
      },
      { id: 'u1' },
    );
    const input = toCustomerInput(values);
    expect(input).toMatchObject({
      name: '客户',
      contractNo: 'A-1',
      applicationAcceptedAt: '2026-01-02',
      initialAuditFee: '100.00',
      status: 'SUSPENDED',
      creditStanding: 'FAIR',
      source: 'REFERRAL',
      province: '上海',
      ownerId: 'u1',
    });
    expect(input.contracts?.[0]).toMatchObject({ id: 'k1', contractNo: 'HT-9', amount: '1.50' });

    // Editing: untouched lists are left out (not rewritten, no history noise); a changed list is sent whole.
    const initial = structuredClone(values);
    expect(toCustomerInput(values, initial)).not.toHaveProperty('contracts');
    expect(toCustomerInput(values, initial)).not.toHaveProperty('contacts');
    values.contracts = [{ ...values.contracts[0]!, amount: '2.00' }];
    expect(toCustomerInput(values, initial).contracts).toEqual([
      { id: 'k1', contractNo: 'HT-9', title: null, amount: '2.00', signedAt: null, startsAt: null, endsAt: null },
    ]);
    values.contacts = [];
    values.contracts = [];
    expect(toCustomerInput(values, initial).contracts).toEqual([]);
  });

  it('catches what the API would reject without naming a field', () => {
    const values = emptyCustomerValues();
    values.initialAuditFee = '12.345';
    values.contracts = [
      { ...emptyContract(), contractNo: '' },
      { ...emptyContract(), contractNo: 'X', amount: 'abc' },
    ];
    values.contacts = [emptyContact()];
    expect(clientProblems(values)).toEqual({
      name: 'required',
      initialAuditFee: 'invalidMoney',
      'contracts.0.contractNo': 'required',
      'contracts.0.amount': 'required',
      'contracts.1.amount': 'invalidMoney',
      'contacts.0.name': 'required',
    });
  });
});
